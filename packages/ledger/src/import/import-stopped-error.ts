import { importStopMessage } from './import-stop-message';
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
 * which lines of the failed batch were stored and which were not. Its message is the line `hearth
 * import` prints for the stop (import-stop-message.ts), naming `source`, the file, where it helps.
 */
export class ImportStoppedError extends Error {
  constructor(
    readonly summary: ImportSummary,
    readonly committedThroughLine: number,
    readonly reason: ImportStopReason,
    override readonly cause: unknown,
    readonly partial?: PartialBatch,
    readonly source?: string,
  ) {
    super(importStopMessage({ summary, committedThroughLine, reason, cause, ...(partial ? { partial } : {}), ...(source !== undefined ? { source } : {}) }));
    this.name = 'ImportStoppedError';
  }
}
