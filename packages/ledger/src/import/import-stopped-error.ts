import { CheckpointTooLargeError } from './checkpoint-too-large-error';
import type { ImportSummary } from './importer';
import type { PartialBatch } from './partial-batch';

export type ImportStopReason = 'concurrent-import' | 'store-failure' | 'file-changed';

/**
 * The import could not go on: the store failed (disk full, I/O error…), another
 * import of the same file committed a checkpoint meanwhile, or the file changed under
 * it (FileChangedError, decision 150: then nothing after `committedThroughLine` was
 * decided, and a rerun of the changed file starts over). Everything up to
 * `committedThroughLine` is committed and `summary` says what it held: its `rejected` are
 * the lines through there, which the checkpoints keep, not lines a rerun decides again;
 * running the same file again resumes after that line. On a store without atomic batches, `partial` says
 * which lines of the failed batch were stored and which were not.
 */
export class ImportStoppedError extends Error {
  constructor(
    readonly summary: ImportSummary,
    readonly committedThroughLine: number,
    readonly reason: ImportStopReason,
    override readonly cause: unknown,
    readonly partial?: PartialBatch,
  ) {
    super(stopMessage(committedThroughLine, reason, cause, partial));
    this.name = 'ImportStoppedError';
  }
}

/** Why the import stopped and where a rerun resumes: the words the CLI prints too, for the stops it does not word itself. */
const stopMessage = (committedThroughLine: number, reason: ImportStopReason, cause: unknown, partial: PartialBatch | undefined): string => {
  // No store failed: its limit is below what one line's checkpoint needs (decision 152).
  if (cause instanceof CheckpointTooLargeError)
    return `the import stopped: ${cause.message}, then run the same import again: it resumes after line ${committedThroughLine} (lines up to ${committedThroughLine} are committed)`;
  const why =
    reason === 'concurrent-import'
      ? `another import of the same file committed meanwhile; this one stopped after line ${committedThroughLine}`
      : reason === 'file-changed'
        ? `${(cause as Error).message}; this import stopped after line ${committedThroughLine}`
        : `the store failed after line ${committedThroughLine}: ${(cause as Error)?.message ?? String(cause)}`;
  return `${why}${partial ? `; ${describePartialBatch(partial)}` : ''}`;
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
