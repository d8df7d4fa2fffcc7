import { appendFileSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { ImportStoppedError, importCommands, importStream, Ledger, readImportCheckpoint } from '../src';
import { oneVillage, registerLine } from './support/one-village';

const register = (id: string, note = ''): string => registerLine(id, '2016-01-10', note ? { note } : {});
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Decision 150: the lines an import decides are the bytes its checkpoints' SHA-256 names, or it stops. */
describe('an import file that changes while it is imported', () => {
  let dir: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-import-changed-'));
    ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'h.db')}`, policy: referencePolicy });
    await ledger.recordDivisionTree(oneVillage, '2016-01-01');
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const households = async () =>
    (await ledger.store.readAll()).filter((e) => e.streamId.startsWith('household-')).map((e) => e.streamId.slice('household-'.length)).sort();
  const stoppedBy = async (run: Promise<unknown>): Promise<ImportStoppedError> => {
    const e = await run.then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(ImportStoppedError);
    return e as ImportStoppedError;
  };

  it('appended to after its first batch: stops before the next, the checkpoint naming only lines of the file it hashed; the finished file then imports whole', async () => {
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => register(h)).join('\n') + '\n');
    const hashed = sha256(file);
    let grown = false;
    const e = await stoppedBy(
      importCommands(ledger, {
        source: file, batchSize: 2,
        onProgress: () => {
          if (!grown) appendFileSync(file, `${register('h7')}\n`);
          grown = true;
        },
      }),
    );
    expect(e.reason).toBe('file-changed');
    expect(e.message).toMatch(/changed while it was imported: it was written to since it was hashed/);
    expect([e.committedThroughLine, e.summary.accepted]).toEqual([2, 2]);
    expect(await households()).toEqual(['h1', 'h2']);
    expect((await readImportCheckpoint(ledger.store, hashed)).throughLine).toBe(2);

    // The finished file is another file (another SHA-256): the lines already applied answer unchanged, the rest are applied.
    const rerun = await importCommands(ledger, { source: file, batchSize: 2 });
    expect(rerun).toMatchObject({ accepted: 5, unchanged: 2, rejected: [], resumedAfterLine: 0 });
    expect(await households()).toEqual(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7']);
    expect((await readImportCheckpoint(ledger.store, sha256(file))).throughLine).toBe(7);
  });

  it('changed in place, with its size and modification time kept: the digest of the chunk stops it before a line of that chunk is decided', async () => {
    const file = join(dir, 'log.jsonl');
    // About 1.1 MB: the changed line lies in the second chunk of 1 MiB.
    const ids = Array.from({ length: 2000 }, (_, i) => `h${String(i).padStart(4, '0')}`);
    writeFileSync(file, ids.map((h) => register(h, 'x'.repeat(450))).join('\n') + '\n');
    const changedAt = readFileSync(file).indexOf('"h1990"');
    expect(changedAt).toBeGreaterThan(1024 * 1024);
    utimesSync(file, 1_000_000_000, 1_000_000_000);
    const hashed = sha256(file);
    let edited = false;
    const e = await stoppedBy(
      importCommands(ledger, {
        source: file, batchSize: 100,
        onProgress: () => {
          if (edited) return;
          edited = true;
          // As a tool that keeps times (cp -p, rsync, tar) leaves a file: only a digest tells the bytes apart.
          const fd = openSync(file, 'r+');
          writeSync(fd, '"x1990"', changedAt);
          closeSync(fd);
          utimesSync(file, 1_000_000_000, 1_000_000_000);
        },
      }),
    );
    expect(e.reason).toBe('file-changed');
    expect(e.message).toMatch(/its bytes before offset \d+ are not those hashed/);
    const firstLineOfChunk2 = readFileSync(file).subarray(0, 1024 * 1024).toString().split('\n').length;
    expect(e.committedThroughLine).toBeGreaterThan(0);
    expect(e.committedThroughLine).toBeLessThan(firstLineOfChunk2);
    expect(await households()).toEqual(ids.slice(0, e.committedThroughLine));
    expect((await readImportCheckpoint(ledger.store, hashed)).throughLine).toBe(e.committedThroughLine);
    expect(await ledger.store.readStream(importStream(sha256(file)))).toEqual([]);
  });
});
