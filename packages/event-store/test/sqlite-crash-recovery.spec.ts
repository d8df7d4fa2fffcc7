import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, verifyStream } from '../src';
import * as testing from '../src/testing';
import { EVENTS_PER_STREAM, STREAMS } from './fixtures/append-batches-forever';
import { finished, runScript } from './support/run-script';

jest.setTimeout(30_000);

describe('SqliteEventStore after its writer is killed with SIGKILL', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-crash-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reopens with only whole batches, every committed one kept, chains intact', async () => {
    const file = join(dir, 'events.db');
    const child = runScript(join(__dirname, 'fixtures/append-batches-forever.ts'), [file]);
    const exit = finished(child);
    let committed = -1;
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) committed = Number(line);
        if (committed >= 40 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      void exit.then(({ stderr }) => reject(new Error(`writer exited before it was killed: ${stderr}`)));
    });
    const { signal } = await exit;
    expect(signal).toBe('SIGKILL');
    expect(existsSync(`${file}-wal`)).toBe(true); // the recovery path below is the WAL one

    const store = SqliteEventStore.open(file);
    try {
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const batchesPerStream: number[][] = [];
      for (let s = 0; s < STREAMS; s++) {
        const events = await store.readStream(`crash-${s}`);
        expect(verifyStream(events)).toEqual({ ok: true });
        expect(events.length % EVENTS_PER_STREAM).toBe(0);
        const data = events.map((e) => e.data as { batch: number; i: number });
        expect(data.map((d) => d.i)).toEqual(data.map((_, k) => k % EVENTS_PER_STREAM));
        expect(data.map((d) => d.batch)).toEqual(data.map((_, k) => Math.floor(k / EVENTS_PER_STREAM)));
        batchesPerStream.push([...new Set(data.map((d) => d.batch))]);
      }
      // Every stream holds the same batches: no batch is in one stream and not another.
      const [first] = batchesPerStream;
      for (const batches of batchesPerStream) expect(batches).toEqual(first);
      // A commit the writer saw is never lost to a process crash (synchronous=NORMAL in WAL).
      expect((first ?? []).length).toBeGreaterThanOrEqual(committed + 1);
      // And the file takes new writes where the chain left off.
      const all = await store.readAll();
      expect(all.at(-1)?.position).toBe(all.length);
      const tail = (await store.readStream('crash-0')).at(-1);
      const next = testing.testEvents(1, tail?.metadata.hash);
      await store.appendToStream('crash-0', next, tail?.streamVersion ?? -1);
      expect(verifyStream(await store.readStream('crash-0'))).toEqual({ ok: true });
    } finally {
      await store.close();
    }
  });
});
