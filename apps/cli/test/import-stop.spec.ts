import { DamagedEventError } from '@hearth/event-store';
import { CheckpointTooLargeError, FileChangedError, ImportStoppedError, type ImportSummary, type PartialBatch } from '@hearth/ledger';
import { importStop } from '../src/commands/import-stop';
import { EXIT } from '../src/exit-codes';

/**
 * Each stop of an import is worded once, by @hearth/ledger's ImportStoppedError, and `hearth
 * import` prints those words: the error's message is the "stopped" message of its --json and
 * the line it ends with, for every kind of stop. A program embedding the ledger reads what
 * the command line says.
 */
const FILE = 'region.jsonl';
const summary = (resumedAfterLine = 0): ImportSummary => ({ accepted: 5, unchanged: 0, rejected: [], skipped: resumedAfterLine, resumedAfterLine, earlierRejected: [] });
const partial: PartialBatch = { fromLine: 8, throughLine: 12, storedLines: [8, 9], notStoredLines: [10, 11] };
const withCode = (code: string, message: string): Error => Object.assign(new Error(message), { code });
const stop = (reason: ImportStoppedError['reason'], cause: unknown, opts: { resumedAfterLine?: number; partial?: PartialBatch } = {}) =>
  new ImportStoppedError(summary(opts.resumedAfterLine), 7, reason, cause, opts.partial, FILE);

const STOPS: readonly [string, ImportStoppedError, number][] = [
  ['another import committed meanwhile', stop('concurrent-import', new Error('wrong expected version')), EXIT.someRejected],
  ['another import committed meanwhile, the batch stored part-way', stop('concurrent-import', new Error('wrong expected version'), { partial }), EXIT.someRejected],
  ['the disk is full', stop('store-failure', withCode('SQLITE_FULL', 'database or disk is full')), EXIT.systemFailure],
  ['the store is no store', stop('store-failure', withCode('SQLITE_NOTADB', 'file is not a database')), EXIT.usage],
  ['the store failed for a reason no machine failure names', stop('store-failure', new Error('socket hang up')), EXIT.systemFailure],
  ['the store failed, the batch stored part-way', stop('store-failure', new Error('socket hang up'), { partial }), EXIT.systemFailure],
  ['the file changed after this run recorded lines', stop('file-changed', new FileChangedError(FILE, 'its size went from 100 to 120 bytes')), EXIT.someRejected],
  ['the file changed before this run recorded any', stop('file-changed', new FileChangedError(FILE, 'its size went from 100 to 120 bytes'), { resumedAfterLine: 7 }), EXIT.usage],
  ['a batch read a damaged stored event', stop('store-failure', new DamagedEventError(42, 'household-h1', 'its data is not JSON')), EXIT.anomalies],
  ["one line's checkpoint over the store's append limit", stop('store-failure', new CheckpointTooLargeError(8, { streamId: 'import-x', size: 1063, limit: 800, eventId: undefined, eventType: undefined })), EXIT.systemFailure],
];

describe("a stopped import: the error's message is what hearth import prints", () => {
  it.each(STOPS)('%s', (_stop, error, exitCode) => {
    const { stopped, error: printed } = importStop(error);
    expect(stopped.message).toBe(error.message);
    expect(printed.message).toBe(error.message);
    expect(printed.exitCode).toBe(exitCode);
  });

  // The command line's words, which scripts and people have read: unchanged by giving them one home.
  it.each([
    [0, `another import of ${FILE} committed meanwhile, so this one stopped; lines up to 7 are committed. When the other import has finished, run the same import again: it resumes after line 7`],
    [2, 'the disk is full; the import stopped and lines up to 7 are committed. Free some space, then run the same import again: it resumes after line 7'],
    [4, 'the store failed (socket hang up); the import stopped and lines up to 7 are committed. Run the same import again: it resumes after line 7'],
    [6, `${FILE} changed while it was imported: its size went from 100 to 120 bytes. Lines up to 7, read before the change, are committed under the checkpoint of the file as it was hashed; nothing after them was decided. Import the file again once it is complete: the lines already applied answer "unchanged" (decision 150)`],
    [7, `${FILE} changed while it was imported: its size went from 100 to 120 bytes. This run recorded nothing. Import the file again once it is complete: the lines already applied answer "unchanged" (decision 150)`],
  ])('stop %i keeps the words hearth import printed', (i, words) => {
    expect((STOPS[i] as (typeof STOPS)[number])[1].message).toBe(words);
  });

  it('a batch stored part-way is said in the words of describePartialBatch, and a damaged event names itself and the way to list every anomaly', () => {
    expect(STOPS[1]?.[1].message).toContain('lines up to 7 are committed (this store does not write a batch all-or-nothing: 2 accepted line(s) of lines 8–12 were stored, up to line 9; 2 accepted line(s) from line 10 were not)');
    expect(STOPS[8]?.[1].message).toMatch(/^the stored event at position 42 \(stream household-h1\) is damaged: its data is not JSON; the import stopped and lines up to 7 are committed\. .*`hearth verify`/);
  });
});
