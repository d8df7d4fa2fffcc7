import type { ImportSummary } from './importer';

export type ImportStopReason = 'concurrent-import' | 'store-failure';

/**
 * The import could not go on: the store failed (disk full, I/O error…) or another
 * import of the same file committed a checkpoint meanwhile. Everything up to
 * `committedThroughLine` is committed and `summary` says what it held; running the same
 * file again resumes after that line.
 */
export class ImportStoppedError extends Error {
  constructor(
    readonly summary: ImportSummary,
    readonly committedThroughLine: number,
    readonly reason: ImportStopReason,
    override readonly cause: unknown,
  ) {
    super(reason === 'concurrent-import'
      ? `another import of the same file committed meanwhile; this one stopped after line ${committedThroughLine}`
      : `the store failed after line ${committedThroughLine}: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'ImportStoppedError';
  }
}
