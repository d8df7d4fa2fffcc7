import { Readable } from 'node:stream';
import * as E from 'fp-ts/Either';
import { DomainError } from '@hearth/domain';
import { type AppendLimit, BatchDecision, isWrongExpectedVersionError, StreamAppend, uuidV7 } from '@hearth/event-store';
import { Ledger, SCHEMA_VERSION } from '../ledger';
import { FileChangedError, type FileFingerprint } from './file-fingerprint';
import { type BatchPart, CheckpointOverLimit, cutPart, firstLineOf, type PendingLine } from './checkpoint-split';
import { CheckpointTooLargeError } from './checkpoint-too-large-error';
import { rejectionOf } from './decision-rejection';
import { checkpointAppend, importCheckpointStream, ImportPosition, readImportCheckpoint } from './import-checkpoint';
import { type ImportPart, partOfLine } from './import-part';
import { isBlankLine } from './blank-line';
import { beginImport, nothingYet } from './import-start';
import { ImportStoppedError, type ImportStopReason } from './import-stopped-error';
import { InterleavingWatch } from './interleaving-watch';
import { findStoredLines, type PartialBatch } from './partial-batch';
import { MAX_LINE_BYTES, parseLineCommand, unreadableLine } from './read-line-command';
import { readLines, type SourceLine } from './read-lines';
import { byLine, kept, RejectedLine } from './rejected-line';
import { roughFields } from './rough-fields';

export type { RejectedLine } from './rejected-line';

export interface ImportSummary {
  accepted: number;
  unchanged: number;
  /** Lines of this run that appended nothing, in line order. */
  rejected: RejectedLine[];
  /** Lines committed by an earlier run of the same file and not read again. */
  skipped: number;
  resumedAfterLine: number;
  /** Lines up to `resumedAfterLine` that earlier runs of the same file rejected, in line order. */
  earlierRejected: RejectedLine[];
}

export interface ImportOptions {
  /** A file path, or '-' for standard input (no resume for standard input). */
  readonly source: string;
  readonly batchSize?: number;
  /**
   * Household states kept between batches (default BATCH_CACHE_HOUSEHOLDS): memory against
   * re-reading streams, nothing else. Given alone, the cache keeps this many and never grows.
   */
  readonly cachedHouseholds?: number;
  /**
   * How far the cache grows, one household for each evicted one the log comes back to
   * (default BATCH_CACHE_MAX_HOUSEHOLDS when `cachedHouseholds` is not given, else `cachedHouseholds`).
   */
  readonly maxCachedHouseholds?: number;
  readonly onProgress?: (p: { line: number; accepted: number; rejected: number }) => void;
  /** Called once when the file's start shows it interleaves its households (interleaving-watch.ts): `hearth regroup` would import it faster. */
  readonly onInterleaved?: () => void;
  /** The checkpoints' recording time (default: the ledger's clock, which records the households' events). */
  readonly now?: () => string;
  /**
   * Import only this part's lines (import-part.ts; a file, not standard input), with the part's
   * own checkpoints, each batch decided before its write transaction so that the parts decide
   * at the same time (docs/decisions/0172). The file's import must have been begun in as many parts.
   */
  readonly part?: ImportPart;
  /**
   * The file's fingerprint as another process took it (`hearth import --workers` hands it to its
   * parts: fingerprint-handoff.ts), so that it is not hashed again; every chunk is still checked against it.
   */
  readonly fingerprint?: FileFingerprint;
  /**
   * Called before each batch is decided and written, where a caller that must stop ends the
   * process or throws: a batch is decided synchronously, so a timer of the caller's cannot run
   * between one batch and the next (`hearth import --stop-with-parent`, docs/decisions/0210).
   */
  readonly beforeBatch?: () => void;
}

/**
 * Applies a command log, one JSON command a line, in batches: each batch is decided
 * against cached household states and written in one transaction together with the
 * file's import checkpoint (which also keeps the batch's rejected lines). A rejected
 * line appends nothing and the import goes on; so does a line whose events the store
 * would refuse for their size (`TOO_LARGE_FOR_STORE`, KurrentDB's append limit: decision 152).
 * A batch whose checkpoint that limit would refuse is written in parts, each with its own
 * checkpoint (checkpoint-split.ts). When the store fails, another import
 * of the same file moves its checkpoint, or the file changes under it (decision 150:
 * every line decided is of the bytes its checkpoints' SHA-256 names), the import stops
 * with an ImportStoppedError carrying the summary of what was committed. On a store without atomic batches a failed
 * batch may have stored its first lines: the importer reads back which, counts them,
 * checkpoints up to the first line that was not stored, and says so (`partial`).
 */
export const importCommands = async (ledger: Ledger, opts: ImportOptions): Promise<ImportSummary> => {
  const batchSize = opts.batchSize ?? 1000;
  // The ledger's clock by default: checkpoints sit between the events it records, and verify reads their times in log order.
  const now = opts.now ?? ledger.now;
  const importPart = opts.part;
  // One reading of the clock: two could fall either side of midnight UTC and date a checkpoint the day after its recording.
  const metaFor = () => {
    const recordedAt = now();
    return { eventId: uuidV7(), recordedAt, actor: ledger.actor, occurredOn: recordedAt.slice(0, 10), schemaVersion: SCHEMA_VERSION, file: opts.source };
  };
  const { fingerprint, reread, stored } = await beginImport(ledger.store, opts.source, importPart, metaFor, opts.fingerprint);
  const fileSha = fingerprint?.sha256;
  let checkpoint: ImportPosition | undefined = stored;
  const summary: ImportSummary = {
    ...nothingYet(),
    resumedAfterLine: stored?.throughLine ?? 0,
    earlierRejected: [...(stored?.rejected ?? [])].sort(byLine),
  };
  const handler =
    opts.cachedHouseholds === undefined
      ? ledger.batchHandler(undefined, opts.maxCachedHouseholds, importPart ? 'after-deciding' : 'as-decided')
      : ledger.batchHandler(opts.cachedHouseholds, opts.maxCachedHouseholds ?? opts.cachedHouseholds, importPart ? 'after-deciding' : 'as-decided');

  let pending: PendingLine[] = [];
  /** Lines of the current batch that failed to parse: reported once the batch is written. */
  let unparsed: RejectedLine[] = [];
  /**
   * Rejections still to be kept with a checkpoint (a batch that lost its races wrote none), until the next part
   * written takes them as its `carried`.
   */
  let uncheckpointed: RejectedLine[] = [];
  const takeCarried = (): RejectedLine[] => {
    const carried = uncheckpointed;
    uncheckpointed = [];
    return carried;
  };
  let lastLine = 0;
  let committedThroughLine = summary.resumedAfterLine;

  const finalSummary = (): ImportSummary => ({ ...summary, rejected: [...summary.rejected].sort(byLine) });
  /**
   * The import stops: its summary lists the rejections the checkpoints keep, the lines through `committedThroughLine`.
   * A line after it (of a batch that lost its races, or that failed part-way with no checkpoint after it) is decided
   * again by a rerun, which would not list it under `earlierRejected`: reported here, it was claimed as recorded.
   */
  const stopped = (reason: ImportStopReason, cause: unknown, partial?: PartialBatch): ImportStoppedError => {
    const all = finalSummary();
    return new ImportStoppedError({ ...all, rejected: all.rejected.filter((r) => r.line <= committedThroughLine) }, committedThroughLine, reason, cause, partial, opts.source);
  };

  /**
   * The batch failed on a store that may have stored part of it. Finds out which accepted
   * lines are stored, counts what is decided for good (every line before the first one
   * not stored), and moves the checkpoint there, so a rerun decides the rest against the
   * same states an uninterrupted run would have.
   */
  const stopPartWay = async (part: BatchPart, cause: unknown, reason: ImportStopReason, decided: readonly BatchDecision<DomainError>[], planned: ImportPosition | undefined): Promise<ImportStoppedError> => {
    const batch = { fromLine: committedThroughLine + 1, throughLine: part.throughLine };
    const accepted = decided.flatMap((d, i) => {
      const p = part.pending[i] as PendingLine;
      return d.status === 'accepted' ? [{ line: p.line, streamId: ledger.describe(p.command).streamId, commandId: p.command.commandId ?? '' }] : [];
    });
    let found: { stored: number[]; notStored: number[] };
    try {
      found = await findStoredLines(ledger.store, accepted);
    } catch (probe) {
      const unknown = `the store could not be read back (${(probe as Error)?.message ?? String(probe)})`;
      return stopped(reason, cause, { ...batch, storedLines: [], notStoredLines: [], unknown });
    }
    const firstMissing = found.notStored[0] ?? part.throughLine + 1;
    const settled = (line: number): boolean => line < firstMissing;
    const rejected = decided.flatMap((d, i) => rejectionOf(d, part.pending[i] as PendingLine)).filter((r) => settled(r.line));
    summary.accepted += found.stored.length;
    summary.unchanged += decided.filter((d, i) => d.status === 'unchanged' && settled((part.pending[i] as PendingLine).line)).length;
    summary.rejected.push(...part.unparsed.filter((r) => settled(r.line)), ...rejected);
    const partial: PartialBatch = { ...batch, storedLines: found.stored, notStoredLines: found.notStored };
    if (!fileSha || !checkpoint) {
      committedThroughLine = firstMissing - 1;
      return stopped(reason, cause, partial);
    }
    let checkpointFailed: string | undefined;
    try {
      const current = await readImportCheckpoint(ledger.store, fileSha, importPart);
      if (planned && current.lastHash === planned.lastHash) {
        // The batch's own checkpoint was stored: the whole batch is.
        checkpoint = planned;
        committedThroughLine = part.throughLine;
      } else if (current.version === checkpoint.version) {
        const keep = [...part.carried, ...part.unparsed.filter((r) => settled(r.line)), ...rejected].sort(byLine).map(kept);
        const c = checkpointAppend(fileSha, checkpoint, firstMissing - 1, keep, metaFor(), importPart);
        await ledger.store.appendToStream(c.append.streamId, c.append.events, c.append.expectedVersion);
        checkpoint = c.next;
        committedThroughLine = firstMissing - 1;
      }
    } catch (e) {
      // The checkpoint stays where it was: a rerun finds the stored lines by their commandIds, and decides the others again.
      checkpointFailed = (e as Error)?.message ?? String(e);
    }
    return stopped(reason, cause, checkpointFailed === undefined ? partial : { ...partial, checkpointFailed });
  };

  /** A part's checkpoint: what a rerun resumes after, and the rejections it lists again (its carried ones among them). */
  const checkpointOf = (fileSha256: string, at: ImportPosition, throughLine: number, rejected: readonly RejectedLine[]) =>
    checkpointAppend(fileSha256, at, throughLine, [...rejected].sort(byLine).map(kept), metaFor(), importPart);

  /**
   * A part's checkpoint over the store's append limit (docs/decisions/0152): written again in
   * smaller parts, each with its own checkpoint, cut where the refused attempt's decisions say;
   * a line no cut makes fit stops the import before it. The part's carried rejections are
   * placed as lines of their own, so each is measured in the one checkpoint that keeps it: a
   * part after them is not cut smaller for them, and one they alone put over the limit names
   * their line, not the next line read.
   */
  const writeCut = async (part: BatchPart, over: CheckpointOverLimit, fileSha256: string, at: ImportPosition, limit: AppendLimit): Promise<void> => {
    const parts = cutPart(part, (i) => rejectionOf(over.decided[i] as BatchDecision<DomainError>, part.pending[i] as PendingLine), (throughLine, rejected) => {
      const { append } = checkpointOf(fileSha256, at, throughLine, rejected);
      return limit.check(append.streamId, append.events) === undefined;
    });
    if (parts === undefined) throw stopped('store-failure', new CheckpointTooLargeError(firstLineOf(part), over.refusal));
    // A part that loses its races leaves its rejections to the next one.
    for (const p of parts) await writePart({ ...p, carried: [...takeCarried(), ...p.carried] });
  };

  const writePart = async (part: BatchPart): Promise<void> => {
    let next: ImportPosition | undefined;
    let decidedLast: readonly BatchDecision<DomainError>[] | undefined;
    const alsoAppend = (decided: readonly BatchDecision<DomainError>[]): StreamAppend[] => {
      decidedLast = decided;
      if (!fileSha || !checkpoint) return [];
      const rejected = decided.flatMap((d, i) => rejectionOf(d, part.pending[i] as PendingLine));
      const c = checkpointOf(fileSha, checkpoint, part.throughLine, [...part.carried, ...part.unparsed, ...rejected]);
      // Measured before the handler writes anything; a property read where the store takes any size (SQLite, in memory).
      const refusal = ledger.store.appendLimit?.check(c.append.streamId, c.append.events);
      if (refusal !== undefined) throw new CheckpointOverLimit(refusal, decided);
      next = c.next;
      return [c.append];
    };
    let results: Awaited<ReturnType<typeof handler.decideMany>>;
    try {
      // How each line went is all the import reports: no accepted command's events are built.
      // A batch is decided at its own time (decision 135's latest date follows the clock
      // across a long import, as its events' recordedAt does).
      results = await handler.decideMany(part.pending.map((p) => p.command), ledger.context(), { alsoAppend });
    } catch (e) {
      if (e instanceof CheckpointOverLimit && fileSha && checkpoint && ledger.store.appendLimit) return writeCut(part, e, fileSha, checkpoint, ledger.store.appendLimit);
      const concurrent = fileSha !== undefined && isWrongExpectedVersionError(e) && e.streamId === importCheckpointStream(fileSha, importPart);
      const reason: ImportStopReason = concurrent ? 'concurrent-import' : 'store-failure';
      if (ledger.store.atomicBatches || decidedLast === undefined) throw stopped(reason, e);
      throw await stopPartWay(part, e, reason, decidedLast, next);
    }
    const lost: RejectedLine[] = [];
    const refused: RejectedLine[] = [];
    results.forEach((r, i) => {
      const p = part.pending[i] as PendingLine;
      if (r.status === 'accepted') summary.accepted += 1;
      else if (r.status === 'unchanged') summary.unchanged += 1;
      else if (r.status === 'conflict')
        lost.push({ line: p.line, householdId: p.command.householdId, type: p.command.type, code: 'CONCURRENCY_CONFLICT', message: `another writer kept changing the household; gave up after ${r.attempts} attempts — nothing appended; import the line again in a file of its own` });
      else refused.push(...rejectionOf(r, p));
    });
    summary.rejected.push(...refused, ...part.unparsed, ...lost);
    if (lost.length > 0) {
      // A batch that lost its races wrote nothing, its checkpoint included: every line of it a rerun will skip
      // (the next checkpoint reaches past it) is kept with the next checkpoint, refused by the ledger or lost,
      // and so are the rejections it carried.
      uncheckpointed = [...part.carried, ...refused, ...part.unparsed, ...lost];
    } else {
      if (next) checkpoint = next;
      committedThroughLine = part.throughLine;
    }
    opts.onProgress?.({ line: part.throughLine, accepted: summary.accepted, rejected: summary.rejected.length });
  };

  const flush = async (): Promise<void> => {
    if (pending.length === 0 && unparsed.length === 0 && (checkpoint === undefined || checkpoint.throughLine >= lastLine)) return;
    opts.beforeBatch?.();
    // Nothing is written once the file is seen to change, even from bytes already checked: a file still being written
    // is stopped at its first batch (decision 150).
    await reread?.unchanged();
    await writePart({ carried: takeCarried(), pending, unparsed, throughLine: lastLine });
    unparsed = [];
    pending = [];
  };

  /** The line is this part's to decide (import-part.ts): a line that cannot be read as text is part 1's. */
  const inPart = (p: ImportPart, line: SourceLine): boolean => (unreadableLine(line) !== undefined ? 1 : partOfLine(line.text, p.count)) === p.index;

  const watch = opts.onInterleaved ? new InterleavingWatch() : undefined;
  const input = reread ? reread.chunks() : (process.stdin as Readable);
  try {
    for await (const lines of readLines(input, MAX_LINE_BYTES)) {
      for (const line of lines) {
        const { number, text, tooLongBytes } = line;
        if (number <= summary.resumedAfterLine) {
          if ((tooLongBytes !== undefined || !isBlankLine(text)) && (importPart === undefined || inPart(importPart, line))) summary.skipped += 1;
          continue;
        }
        lastLine = number;
        if (tooLongBytes === undefined && isBlankLine(text)) continue;
        // Another part's line: that part decides it (its checkpoints reach past it as this part's do).
        if (importPart !== undefined && !inPart(importPart, line)) continue;
        const unreadable = unreadableLine(line);
        const parsed = unreadable !== undefined ? E.left(unreadable) : parseLineCommand(text, number);
        if (E.isLeft(parsed)) {
          unparsed.push({ line: number, ...(tooLongBytes === undefined ? roughFields(text) : { householdId: null, type: null }), code: parsed.left.code, message: parsed.left.message, ...(parsed.left.fields ? { fields: parsed.left.fields } : {}) });
        } else {
          pending.push({ line: number, command: parsed.right });
          if (watch?.see(parsed.right.householdId)) opts.onInterleaved?.();
        }
        // A line that does not parse counts toward the batch too: the batch's checkpoint keeps its rejection, and a
        // store with an append limit (KurrentDB) refuses a checkpoint of a whole file of them, at every rerun.
        if (pending.length + unparsed.length >= batchSize) await flush();
      }
    }
    await flush();
    // A last batch that lost its races wrote no checkpoint, and no batch follows to keep its lines: a checkpoint of no
    // line of its own does, as the next batch's would have (decision 20). Nothing to do after any other last batch.
    await flush();
  } catch (e) {
    // What was committed is lines of the file the checkpoints name; the batch being read is dropped.
    if (e instanceof FileChangedError) throw stopped('file-changed', e);
    throw e;
  }
  return finalSummary();
};
