import type { Ledger } from '@hearth/ledger';
import {
  householdHistory, HouseholdHistoryView, LogVerification, openProjections, Projections, Reports, RunnerProgress, verifyLog, VerifyOptions,
} from '@hearth/projections';
import { logHead } from './log-head';
import { NoDivisionTreeError } from './no-division-tree-error';

export interface ReadSideOptions {
  /** Bring the read models up to the log's head before returning (default true). */
  readonly catchUp?: boolean;
  /** Progress of that catch-up (and of a rebuild at open when a projection's version changed). */
  readonly onProgress?: (p: RunnerProgress) => void;
  /** Told which projections were reset at open (new, or their version changed): the catch-up rebuilds them. */
  readonly onReset?: (names: readonly string[]) => void;
  /** Errors of the live subscription once `follow()` runs. */
  readonly onLiveError?: (error: Error) => void;
}

/**
 * A ledger and its read models, caught up and (after `follow()`) following live: what
 * the CLI's read commands and the service both stand on. It owns the read models it
 * opened; the ledger stays the caller's to close.
 */
export class ReadSide {
  private constructor(
    readonly ledger: Ledger,
    private readonly projections: Projections,
  ) {}

  static async open(ledger: Ledger, opts: ReadSideOptions = {}): Promise<ReadSide> {
    const divisions = ledger.divisions;
    if (!divisions) throw new NoDivisionTreeError();
    const projections = openProjections(ledger.store, {
      policy: ledger.policy,
      divisions,
      ...(opts.onLiveError ? { runner: { onLiveError: opts.onLiveError } } : {}),
    });
    if (projections.reset.length > 0) opts.onReset?.(projections.reset);
    const side = new ReadSide(ledger, projections);
    if (opts.catchUp !== false) await projections.runner.catchUp(opts.onProgress);
    return side;
  }

  get reports(): Reports {
    return this.projections.reports;
  }

  /** The log position every read model has taken into account. */
  position(): number {
    return this.projections.runner.position();
  }

  /** The read models' position and the log's last position (the read models are `head - position` events behind). */
  async status(): Promise<{ position: number; head: number }> {
    const position = this.position();
    return { position, head: await logHead(this.ledger.store, position) };
  }

  catchUp(onProgress?: (p: RunnerProgress) => void): Promise<number> {
    return this.projections.runner.catchUp(onProgress);
  }

  /** Catches up, then applies new events as they are appended. */
  follow(): Promise<void> {
    return this.projections.runner.start();
  }

  /** Resolves once the read models have taken the event at `position` into account. */
  waitFor(position: number): Promise<void> {
    return this.projections.runner.waitFor(position);
  }

  /** Drops and rebuilds the named read models (default: all) from the log; returns the position reached. */
  rebuild(names?: readonly string[], onProgress?: (p: RunnerProgress) => void): Promise<number> {
    return this.projections.rebuild(names, onProgress);
  }

  /** One household's audit timeline and its state as of the end of `asOf` (default: everything). */
  history(householdId: string, asOf?: string): Promise<HouseholdHistoryView> {
    return householdHistory(this.ledger.store, householdId, asOf, this.ledger.policy);
  }

  /** Every hash chain recomputed and every household replayed through the Decider. */
  verify(opts: VerifyOptions = {}): Promise<LogVerification> {
    return verifyLog(this.ledger.store, this.ledger.context(), opts);
  }

  /** Stops following and closes the read models (never the ledger). */
  close(): Promise<void> {
    return this.projections.close();
  }
}
