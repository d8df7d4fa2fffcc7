import { isDamagedEventError } from '@hearth/event-store';
import { CheckpointTooLargeError, describePartialBatch, ImportStoppedError } from '@hearth/ledger';
import { damagedLogError } from '../damaged-log';
import { CliError, EXIT } from '../exit-codes';
import { describeSystemFailure } from '../system-failure';

/** What `hearth import --json` prints under "stopped" (cli.md). */
export interface StoppedImport {
  readonly reason: string;
  readonly committedThroughLine: number;
  readonly message: string;
  readonly partial?: ImportStoppedError['partial'];
}

/** A stopped import as `hearth import` reports it: the "stopped" of its summary, and the line and exit code it ends with. */
export const importStop = (e: ImportStoppedError, file: string): { stopped: StoppedImport; error: CliError } => {
  if (isDamagedEventError(e.cause)) return { stopped: { reason: 'damaged-log', committedThroughLine: e.committedThroughLine, message: e.cause.message }, error: damagedLogError(e.cause) };
  const n = e.committedThroughLine;
  if (e.reason === 'file-changed') {
    // Exit 2 keeps cli.md's "nothing changed" when this run recorded nothing; 3 when lines before the change were applied.
    const recorded = n > e.summary.resumedAfterLine;
    const message = `${(e.cause as Error).message}. ${recorded ? `Lines up to ${n}, read before the change, are committed under the checkpoint of the file as it was hashed; nothing after them was decided` : 'This run recorded nothing'}. Import the file again once it is complete: the lines already applied answer "unchanged" (decision 150)`;
    return { stopped: { reason: e.reason, committedThroughLine: n, message }, error: new CliError(message, recorded ? EXIT.someRejected : EXIT.usage) };
  }
  const resume = `run the same import again: it resumes after line ${n}`;
  const failure = e.reason === 'store-failure' ? describeSystemFailure(e.cause) : undefined;
  // A store without atomic batches (EventStoreDB) may have stored the first lines of the failed batch.
  const part = e.partial ? ` (${describePartialBatch(e.partial)})` : '';
  const message =
    // No store failed: its limit is below what one line's checkpoint needs (decision 152). The error words it, for
    // a program embedding the ledger as for this command.
    e.cause instanceof CheckpointTooLargeError
      ? e.message
      : e.reason === 'concurrent-import'
        ? `another import of ${file} committed meanwhile, so this one stopped; lines up to ${n} are committed${part}. When the other import has finished, ${resume}`
        : failure
          ? `${failure.problem}; the import stopped and lines up to ${n} are committed${part}. ${failure.remedy[0]?.toUpperCase()}${failure.remedy.slice(1)}, then ${resume}`
          : `the store failed (${(e.cause as Error)?.message ?? String(e.cause)}); the import stopped and lines up to ${n} are committed${part}. ${resume[0]?.toUpperCase()}${resume.slice(1)}`;
  return {
    stopped: { reason: e.reason, committedThroughLine: n, message, ...(e.partial ? { partial: e.partial } : {}) },
    error: new CliError(message, e.reason === 'concurrent-import' ? EXIT.someRejected : (failure?.exitCode ?? EXIT.systemFailure)),
  };
};
