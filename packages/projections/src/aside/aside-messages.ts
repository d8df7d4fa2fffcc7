import type { Division, Policy } from '@hearth/domain';
import { errorCodeOf } from '@hearth/event-store';
import { UnknownDivisionError } from '../reports/division-scope';
import type { ReportCall } from './report-call';
import { ReportCutError, type ReportCut } from './report-cut';

/** What a report worker is started with: where the read models are, and what their reports are read with. */
export interface AsideWorkerData {
  /** The read models' file, opened read-only by the worker. */
  readonly file: string;
  readonly policy: Policy;
  /** The division tree's divisions, from which the worker builds the same tree (reports never ask it for successors). */
  readonly divisions: readonly Division[];
  /** The projections that must stand at one position for a read to be answered. */
  readonly projections: readonly string[];
}

export interface AsideRequest {
  readonly id: number;
  /** The lowest position the answer may be read at (what the caller has already seen). */
  readonly atLeast: number;
  readonly call: ReportCall;
  /**
   * Only these rows of the answer are sent back (several cuts: each one's rows, in order, of the
   * one answer); the whole answer stays in the worker, remembered at its position.
   */
  readonly cut?: ReportCut | readonly ReportCut[];
}

/** An error thrown in the worker, as data. */
export interface ThreadError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /**
   * The error's code: the machine's of an error SQLite or Node threw (`SQLITE_BUSY`,
   * `SQLITE_FULL`, `ENOSPC`…), so that a thread boundary does not turn a busy or full store
   * into a bug and the caller answers it as it would in-thread (the service's 503 and 507);
   * `UNKNOWN_DIVISION` for a report of a division the tree lacks.
   */
  readonly code?: string;
  /** The division an UnknownDivisionError was thrown for. */
  readonly division?: string;
}

export type AsideReply =
  | { readonly id: number; readonly answer: { readonly value: unknown; readonly position: number } | undefined }
  | { readonly id: number; readonly error: ThreadError };

/** A report that failed in the worker thread for another reason than its query. */
export class ReportWorkerError extends Error {
  /** The machine's code of what the worker threw, where it had one, as the error in-thread had it. */
  readonly code?: string;

  constructor(readonly thrown: ThreadError) {
    super(`a report read in the worker thread failed: ${thrown.name}: ${thrown.message}`);
    this.name = 'ReportWorkerError';
    if (thrown.code !== undefined) this.code = thrown.code;
    if (thrown.stack !== undefined) this.stack = `${this.stack ?? ''}\n  thrown in the worker: ${thrown.stack}`;
  }
}

export const threadError = (e: unknown): ThreadError => {
  if (e instanceof UnknownDivisionError) return { name: e.name, message: e.message, code: e.code, division: e.division };
  if (e instanceof Error) {
    const code = errorCodeOf(e);
    return { name: e.name, message: e.message, ...(e.stack !== undefined ? { stack: e.stack } : {}), ...(code !== undefined ? { code } : {}) };
  }
  return { name: 'Error', message: String(e) };
};

/** The error the caller gets: a query's own error as the same class it would be read in-thread, anything else a ReportWorkerError. */
export const reviveError = (e: ThreadError): Error => {
  if (e.name === 'UnknownDivisionError' && e.division !== undefined) return new UnknownDivisionError(e.division);
  if (e.name === 'ReportCutError') return new ReportCutError(e.message);
  return new ReportWorkerError(e);
};
