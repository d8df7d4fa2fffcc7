import { isDamagedEventError } from '@hearth/event-store';
import { ImportStoppedError } from '@hearth/ledger';
import { CliError, EXIT } from '../exit-codes';
import { describeSystemFailure } from '../system-failure';

/** What `hearth import --json` prints under "stopped" (cli.md). */
export interface StoppedImport {
  readonly reason: string;
  readonly committedThroughLine: number;
  readonly message: string;
  readonly partial?: ImportStoppedError['partial'];
}

/**
 * A stopped import as `hearth import` reports it: the "stopped" of its summary, and the line and exit code it ends
 * with. The line is the error's own message, each stop worded once by @hearth/ledger (import-stop-message.ts).
 */
export const importStop = (e: ImportStoppedError): { stopped: StoppedImport; error: CliError } => {
  const n = e.committedThroughLine;
  const message = e.message;
  // A batch read an event edited by hand: exit 5, as every command over a damaged log (decision 13).
  if (isDamagedEventError(e.cause)) return { stopped: { reason: 'damaged-log', committedThroughLine: n, message }, error: new CliError(message, EXIT.anomalies) };
  // Exit 2 keeps cli.md's "nothing changed" when this run recorded nothing; 3 when lines before the change were applied.
  if (e.reason === 'file-changed') return { stopped: { reason: e.reason, committedThroughLine: n, message }, error: new CliError(message, n > e.summary.resumedAfterLine ? EXIT.someRejected : EXIT.usage) };
  const failure = e.reason === 'store-failure' ? describeSystemFailure(e.cause) : undefined;
  return {
    stopped: { reason: e.reason, committedThroughLine: n, message, ...(e.partial ? { partial: e.partial } : {}) },
    error: new CliError(message, e.reason === 'concurrent-import' ? EXIT.someRejected : (failure?.exitCode ?? EXIT.systemFailure)),
  };
};
