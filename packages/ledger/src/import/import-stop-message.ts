import { isDamagedEventError } from '@hearth/event-store';
import { describeMachineFailure } from '../machine-failure';
import { CheckpointTooLargeError } from './checkpoint-too-large-error';
import type { ImportStopReason } from './import-stopped-error';
import type { ImportSummary } from './importer';
import type { PartialBatch } from './partial-batch';

/** What a stop knows: where the committed lines end, why it stopped, and the file. */
export interface ImportStop {
  readonly summary: ImportSummary;
  readonly committedThroughLine: number;
  readonly reason: ImportStopReason;
  readonly cause: unknown;
  readonly partial?: PartialBatch;
  /** The file imported, as its caller named it; absent, "the same file". */
  readonly source?: string;
}

const capitalised = (text: string): string => `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;

/**
 * Why the import stopped, what is committed and what to do: each stop worded once, here, so
 * that `ImportStoppedError.message` is the line `hearth import` prints (and the "message" of
 * its --json "stopped"), for a program embedding the ledger as for the command line.
 */
export const importStopMessage = ({ summary, committedThroughLine: n, reason, cause, partial, source }: ImportStop): string => {
  const resume = `run the same import again: it resumes after line ${n}`;
  // No store failed: its limit is below what one line's checkpoint needs (decision 152).
  if (cause instanceof CheckpointTooLargeError) return `the import stopped: ${cause.message}, then ${resume} (lines up to ${n} are committed)`;
  if (reason === 'file-changed') {
    // Nothing after the change was decided (decision 150): no batch was under way to be stored in part.
    const recorded = n > summary.resumedAfterLine;
    return `${(cause as Error).message}. ${recorded ? `Lines up to ${n}, read before the change, are committed under the checkpoint of the file as it was hashed; nothing after them was decided` : 'This run recorded nothing'}. Import the file again once it is complete: the lines already applied answer "unchanged" (decision 150)`;
  }
  // A store without atomic batches (EventStoreDB) may have stored the first lines of the failed batch.
  const committed = `lines up to ${n} are committed${partial ? ` (${describePartialBatch(partial)})` : ''}`;
  // A rerun meets the same event again: the log needs an auditor before the import can go on (decision 13).
  if (isDamagedEventError(cause)) return `${cause.message}; the import stopped and ${committed}. Nothing is decided over a damaged log: run \`hearth verify\` to list every anomaly`;
  if (reason === 'concurrent-import') return `another import of ${source ?? 'the same file'} committed meanwhile, so this one stopped; ${committed}. When the other import has finished, ${resume}`;
  const failure = describeMachineFailure(cause);
  if (failure) return `${failure.problem}; the import stopped and ${committed}. ${capitalised(failure.remedy)}, then ${resume}`;
  return `the store failed (${(cause as Error)?.message ?? String(cause)}); the import stopped and ${committed}. ${capitalised(resume)}`;
};

/** What a batch that failed part-way left in the store, in words. */
export const describePartialBatch = (p: PartialBatch): string => {
  const lines = `lines ${p.fromLine}–${p.throughLine}`;
  if (p.unknown !== undefined) return `this store does not write a batch all-or-nothing, and which of ${lines} were stored is not known: ${p.unknown}`;
  const stored = p.storedLines.length;
  const notStored = p.notStoredLines.length;
  // The stored ones answer unchanged; a line the batch refused before a stored one of its household is decided against it.
  const unmoved = p.checkpointFailed === undefined ? '' : `; the checkpoint could not be moved past line ${(p.notStoredLines[0] ?? p.throughLine + 1) - 1} (${p.checkpointFailed}): lines ${p.fromLine}–${p.throughLine} are decided again by a rerun, and one this run refused may then be accepted`;
  if (notStored === 0) return `every accepted line of ${lines} was stored (${stored})${unmoved}`;
  const upTo = stored > 0 ? `${stored} accepted line(s) of ${lines} were stored, up to line ${p.storedLines[stored - 1]}; ` : '';
  return `this store does not write a batch all-or-nothing: ${upTo}${notStored} accepted line(s) from line ${p.notStoredLines[0]} were not${unmoved}`;
};
