import { spawn } from 'node:child_process';
import { join } from 'node:path';
import * as kit from '@hearth/event-store/testing';
import { openEsdbEventStore } from '../open-esdb-event-store';

const BIN = join(__dirname, '..', '..', 'bin', 'stand-in.js');

describe('npm run stand-in', () => {
  it('says where it listens and that it keeps everything in memory, serves a store, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      while (!/listening on (\S+)/.test(stderr)) {
        if (child.exitCode !== null) throw new Error(`stand-in exited: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(stderr).toMatch(/keeps everything in memory/);
      const url = /listening on (\S+)/.exec(stderr)?.[1] ?? '';
      expect(url).toMatch(/^kurrentdb:\/\/127\.0\.0\.1:\d+\?tls=false$/);
      const store = await openEsdbEventStore(url);
      try {
        await store.appendToStream('household-1', kit.testEvents(2), 'no_stream');
        expect(await store.streamVersion('household-1')).toBe(1);
      } finally {
        await store.close();
      }
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/SIGTERM, stopping \(2 events held are gone\)/);
  }, 30_000);

  it('refuses an unknown option with its usage', async () => {
    const child = spawn(process.execPath, [BIN, '--prot', '2113'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown option --prot[\s\S]*Usage: npm run stand-in/);
  }, 30_000);
});
