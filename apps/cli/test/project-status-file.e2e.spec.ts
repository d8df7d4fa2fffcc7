import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, hearth, tempDir } from './support/cli';
import { until } from './support/until';

/**
 * `hearth project --status-file` is for a monitor: when the file cannot be written (a full
 * disk, its directory removed), the projector says so once and keeps the read models,
 * rather than dying on the error; it writes the file again once it can.
 */
describe('hearth project with a status file that cannot be written', () => {
  it('goes on keeping the read models, says so once, and writes the file again when it can', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = `sqlite:${join(dir, 'h.db')}`;
      const divisions = join(dir, 'divisions.json');
      const log = join(dir, 'region.jsonl');
      expect(hearth(['generate', '--households', '5', '--seed', '3', '--out', log, '--divisions-out', divisions]).code).toBe(0);
      expect(hearth(['--store', store, 'divisions', 'load', divisions]).code).toBe(0);
      const watched = join(dir, 'status');
      mkdirSync(watched);
      const statusFile = join(watched, 'project.json');
      const child = spawn(process.execPath, [BIN, '--store', store, 'project', '--status-every', '0.2', '--status-file', statusFile], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
      try {
        await until('the status file', () => existsSync(statusFile) && (JSON.parse(readFileSync(statusFile, 'utf8')) as { state: string }).state === 'live');

        rmSync(watched, { recursive: true, force: true });
        await until('the failure said', () => /cannot write the status file/.test(stderr));
        // The projector still works: an import meanwhile reaches the read models.
        expect([0, 3]).toContain(hearth(['--store', store, 'import', '--quiet', log]).code);
        const head = (JSON.parse(hearth(['--json', '--store', store, 'verify']).stdout) as { events: number }).events;
        await until('the projector at the head', () => new RegExp(`live · position ${head.toLocaleString('en')} `).test(stderr.split('\n').slice(-3).join('\n')));
        expect(stderr.match(/cannot write the status file/g)).toHaveLength(1);

        mkdirSync(watched);
        await until('the status file again', () => existsSync(statusFile));
        expect(JSON.parse(readFileSync(statusFile, 'utf8'))).toMatchObject({ state: 'live', position: head });
        // The file can appear before the line that says so reaches this process's pipe.
        await until('the recovery said', () => /the status file .* is written again/.test(stderr));
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
    } finally {
      cleanup();
    }
  }, 300_000);
});
