import type { DivisionTree } from '@hearth/domain';
import type { Ledger } from '@hearth/ledger';
import {
  AnswersAtPosition, AsideReport, callReport, CutReport, cutReport, parentsIn, ReportAnswer, ReportAside, ReportCall, ReportCut,
  householdHistory, HouseholdHistoryView, type KnownAt, LogVerification, openProjections, Projections, ReadModelView, RebuildOptions, Reports, RunnerProgress, verifyLog, VerifyOptions,
} from '@hearth/projections';
import { AsideReadsUnderWay, type AsideAnswer } from './aside-reads-under-way';
import { NoDivisionTreeError } from './no-division-tree-error';
import { checkReadModels, ReadModelCheckProgress, ReadModelVerification } from './read-model-check';
import { ReadModelsNotReadyError } from './read-models-not-ready-error';
import type { ReadSideOptions } from './read-side-options';

export type { ReadSideOptions } from './read-side-options';

/** Tries of `read()` before it gives up on a read model that keeps being reset elsewhere. */
const READ_ATTEMPTS = 10;

/**
 * Answers `readRemembered` and `readAside` keep: a dashboard's backlogs (at the full region
 * the root's lists tens of thousands of entries, a few MB), the cuts analysts were given (a
 * few rows each) and whole-tree tables asked for (`subtree`: ~10,000 rows, a few MB), so
 * a few hundred MB at most. (An analyst's suppressed year stays in the report worker:
 * decision 0112.)
 */
export const REMEMBERED_ANSWERS = 40;

/**
 * A ledger and its read models, caught up and (after `follow()`) following live: what
 * the CLI's read commands and the service both stand on. It owns the read models it
 * opened; the ledger stays the caller's to close.
 *
 * Other processes may write the same read models (a `hearth rebuild` beside a running
 * service): every read runs in one snapshot in which all read models stand at one
 * position, never across a batch or a reset half-applied (see `read()` and `reports`).
 */
export class ReadSide {
  /** The highest position this side has read the models at: a read below it would go back in time. */
  private reached = 0;
  private readonly checkedReports: Reports;
  /** What `readRemembered` and `readAside` answered lately, by what was asked, at the position each was read at. */
  private readonly remembered = new AnswersAtPosition(REMEMBERED_ANSWERS);
  /** The reads under way in the report worker. */
  private readonly readingAside = new AsideReadsUnderWay();

  private constructor(
    readonly ledger: Ledger,
    /** The ledger's tree (every division ever recorded) when the side was opened: the read models roll up with it. */
    readonly divisions: DivisionTree,
    private readonly projections: Projections,
  ) {
    this.checkedReports = new Proxy(projections.reports, {
      get: (target, key, receiver) => {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => this.readNow((reports) => (Reflect.get(reports, key) as (...a: unknown[]) => unknown).apply(reports, args));
      },
    });
  }

  static async open(ledger: Ledger, opts: ReadSideOptions = {}): Promise<ReadSide> {
    const divisions = ledger.divisions;
    if (!divisions) throw new NoDivisionTreeError();
    const projections = openProjections(ledger.store, {
      policy: ledger.policy,
      divisions,
      ...(opts.readModels !== undefined ? { readModels: opts.readModels } : {}),
      ...(opts.onLiveError ? { runner: { onLiveError: opts.onLiveError } } : {}),
    });
    try {
      await projections.checkSource();
      if (projections.reset.length > 0) opts.onReset?.(projections.reset);
      const side = new ReadSide(ledger, divisions, projections);
      if (opts.catchUp !== false) side.reached = await projections.runner.catchUp(opts.onProgress, await ledger.store.headPosition());
      return side;
    } catch (e) {
      await projections.close();
      throw e;
    }
  }

  /**
   * The reports, each call read in one snapshot of the read models as they stand (no
   * waiting: for reads that must include the latest events, use `read()`). Throws
   * ReadModelsNotReadyError rather than answer from read models that are not at one
   * position or have gone back below what this side already read (reset by a rebuild
   * in another process, and not yet replayed).
   */
  get reports(): Reports {
    return this.checkedReports;
  }

  /**
   * Runs `f` on the reports once the read models have taken in every event appended
   * before this call (catching up if need be), in one snapshot in which every read model
   * stands at one position: the answer is that of a fold of the log up to it.
   */
  async read<T>(f: (reports: Reports) => T): Promise<T> {
    return this.readView((view) => f(view.reports));
  }

  /**
   * `read`, with the position of its snapshot: every report `f` reads there (an export's
   * total and its children's rows) is of the log up to that one position, whatever is
   * appended or applied meanwhile (decision 0162). `f` runs synchronously in one read
   * transaction, so nothing this process writes comes between its reads either.
   */
  async readStanding<T>(f: (reports: Reports) => T): Promise<{ value: T; position: number }> {
    return this.readCaughtUp((atLeast) => this.projections.readAt(atLeast, (view) => f(view.reports)));
  }

  /**
   * Several cuts of one analyst's answer (`call`, a whole tree's suppressed tables), all of
   * the same whole read in one snapshot, and the position it stands at: `readAside` with
   * `cut` for each would read each at the position the read models stood at when it was
   * asked. Read in the report worker when the read models live in a file, else here.
   */
  async readAsideCuts(call: ReportCall<CutReport>, cuts: readonly ReportCut[]): Promise<{ value: object[]; position: number }> {
    const aside = this.projections.aside;
    if (aside) return this.readCaughtUp((atLeast) => aside.read(atLeast, call, cuts));
    const whole = wholeKey(call);
    const parentOf = parentsIn(this.divisions);
    return this.readCaughtUp((atLeast) =>
      this.projections.readAt(atLeast, (view) => {
        const value = this.remembered.atOrRead(whole, view.position, () => callReport(view.reports, call));
        return cuts.map((cut) => cutReport(call, value, cut, parentOf));
      }),
    );
  }

  /**
   * `read`, for an answer that costs much and is asked again (an analyst's whole-tree
   * tables, the root's backlog): `key` names what `f` computes, the report and every one of
   * its parameters. An answer is a function of the read models at the position it was read
   * at (a fold of the log up to it), so when this call's snapshot stands where the answer
   * for `key` was read, that answer is returned without running `f`; an event taken in
   * since is another position, and `f` runs again. The answer is shared between the calls
   * that get it: callers must not change it.
   */
  async readRemembered<T>(key: string, f: (reports: Reports) => T): Promise<T> {
    return this.readView((view) => this.remembered.atOrRead(key, view.position, () => f(view.reports)));
  }

  /**
   * `readRemembered` for `call`, read in a worker thread of its own when the read models
   * live in a file (docs/decisions/0112): a report that takes seconds (the root's backlog
   * at the full region) does not hold up this thread, which answers every other request
   * and appends every command meanwhile. The answer is read in one snapshot in which every
   * read model stands at one position, at least that of every event appended before this
   * call, as `read`'s is; it is remembered at that position. The same call asked again
   * while it is read waits for that read. In memory the call is read here, as `readRemembered`.
   *
   * With `cut`, the answer is only those rows of the whole tree's suppressed tables
   * (ReportCut): the tables stay in the worker, remembered at their position, and each cut
   * of them crosses as a few rows.
   */
  async readAside<N extends AsideReport>(call: ReportCall<N>): Promise<ReportAnswer<N>>;
  async readAside(call: ReportCall<CutReport>, cut: ReportCut): Promise<object>;
  async readAside(call: ReportCall, cut?: ReportCut): Promise<unknown> {
    const whole = wholeKey(call);
    const aside = this.projections.aside;
    if (!aside) {
      if (cut === undefined) return this.readRemembered(whole, (reports) => callReport(reports, call));
      return (await this.readAsideCuts(call as ReportCall<CutReport>, [cut])).value[0];
    }
    const key = cut === undefined ? whole : `${whole} cut ${JSON.stringify(cut)}`;
    const seen = await this.readCaughtUp(async (atLeast) => {
      const standing = this.projections.readAt(atLeast, (view) => view.position);
      const known = standing === undefined ? undefined : this.remembered.at(key, standing.value);
      if (standing !== undefined && known !== undefined) return { value: known, position: standing.value };
      return this.readingAside.joinOrStart(key, atLeast, () => this.startAside(key, aside, call, cut, atLeast));
    });
    return seen.value;
  }

  /** Reads `call` (or its `cut`) in the report worker at `atLeast` or later, and remembers the answer under `key` at its position. */
  private startAside(key: string, aside: ReportAside, call: ReportCall, cut: ReportCut | undefined, atLeast: number): Promise<AsideAnswer> {
    return (cut === undefined ? aside.read(atLeast, call) : aside.read(atLeast, call as ReportCall<CutReport>, cut)).then((seen) => {
      if (seen) this.remembered.keep(key, seen.position, seen.value);
      return seen;
    });
  }

  private async readView<T>(f: (view: ReadModelView) => T): Promise<T> {
    return (await this.readCaughtUp((atLeast) => this.projections.readAt(atLeast, f))).value;
  }

  /**
   * `read(atLeast)` once the read models have taken in every event appended before this
   * call, `atLeast` being that head (or the position this side already read at, if higher);
   * asked again while it answers nothing (read models reset elsewhere), up to READ_ATTEMPTS.
   * The answer, and the position it was read at. The catch-up stops at that head, not at
   * the log's end, which a writer faster than the read models would keep out of reach
   * (docs/decisions/0163): every catch-up this read can queue behind is bounded too.
   */
  private async readCaughtUp<T>(
    read: (atLeast: number) => { value: T; position: number } | undefined | Promise<{ value: T; position: number } | undefined>,
  ): Promise<{ value: T; position: number }> {
    for (let attempt = 1; ; attempt++) {
      const head = await this.ledger.store.headPosition();
      if (this.position() < head) await this.catchUp(undefined, head);
      const seen = await read(Math.max(head, this.reached));
      if (seen) {
        this.reached = Math.max(this.reached, seen.position);
        return seen;
      }
      if (attempt >= READ_ATTEMPTS) throw new ReadModelsNotReadyError(this.position(), head);
    }
  }

  private readNow<T>(f: (reports: Reports) => T): T {
    const seen = this.projections.readAt(this.reached, (view) => f(view.reports));
    if (!seen) throw new ReadModelsNotReadyError(this.position(), this.reached);
    this.reached = Math.max(this.reached, seen.position);
    return seen.value;
  }

  /** Where the read models live: "the store's database", a file path, or "memory". */
  get where(): string {
    return this.projections.where;
  }

  /** The log position every read model has taken into account. */
  position(): number {
    return this.projections.runner.position();
  }

  /** Where the read models stand (`position`) against the end of the log (`head`). */
  async status(): Promise<{ position: number; head: number }> {
    const head = await this.ledger.store.headPosition();
    return { position: this.position(), head };
  }

  /** Brings the read models up to the log's end, or with `upTo` only up to that position (ProjectionRunner.catchUp); returns the position reached. */
  async catchUp(onProgress?: (p: RunnerProgress) => void, upTo?: number): Promise<number> {
    return this.projections.runner.catchUp(onProgress, upTo);
  }

  /** Catches up, then applies new events as they are appended. */
  follow(): Promise<void> {
    return this.projections.runner.start();
  }

  /** Resolves once the read models have taken the event at `position` into account. */
  waitFor(position: number): Promise<void> {
    return this.projections.runner.waitFor(position);
  }

  /** Drops and rebuilds the named read models (default: all) from the log; returns the position reached. `exclusive`: see RebuildOptions. */
  rebuild(names?: readonly string[], onProgress?: (p: RunnerProgress) => void, opts?: RebuildOptions): Promise<number> {
    return this.projections.rebuild(names, onProgress, opts);
  }

  /**
   * One household's audit timeline and its state as of the end of business date `asOf`
   * (default: everything), every correction applied, of what was recorded by `knownAt`
   * (default: now): docs/decisions/0154.
   */
  history(householdId: string, asOf?: string, knownAt?: KnownAt): Promise<HouseholdHistoryView> {
    return householdHistory(this.ledger.store, householdId, asOf, this.ledger.context(), knownAt);
  }

  /** Every hash chain recomputed and every household replayed through the Decider. */
  verify(opts: VerifyOptions = {}): Promise<LogVerification> {
    return verifyLog(this.ledger.store, this.ledger.context(), opts);
  }

  /**
   * Compares the read models, row by row, with a rebuild from the log into a scratch
   * database, and every report for every division and period with data with the
   * direct fold of the log (DirectReports): `differences` is empty when they are right.
   * `division`: only the reports of that division and those below it (docs/decisions/0125).
   */
  verifyReadModels(opts: { onProgress?: (p: ReadModelCheckProgress) => void; division?: string } = {}): Promise<ReadModelVerification> {
    const divisions = this.ledger.divisions;
    if (!divisions) throw new NoDivisionTreeError();
    return checkReadModels({
      store: this.ledger.store,
      projections: this.projections,
      policy: this.ledger.policy,
      divisions,
      catchUp: (upTo) => this.catchUp(undefined, upTo),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.division === undefined ? {} : { division: opts.division }),
    });
  }

  /** Stops following and closes the read models (never the ledger). */
  close(): Promise<void> {
    return this.projections.close();
  }
}

/** The key an answer of `call` (a whole tree's, before any cut) is remembered under, in this thread as in the worker's requests. */
const wholeKey = (call: ReportCall): string => `aside ${JSON.stringify(call)}`;
