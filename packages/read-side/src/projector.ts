import type { Ledger } from '@hearth/ledger';
import type { RunnerProgress } from '@hearth/projections';
import { ReadSide } from './read-side';

export type ProjectorState = 'catching-up' | 'live' | 'retrying' | 'stopped';

/** What a `hearth project` process shows on its health output. */
export interface ProjectorStatus {
  readonly state: ProjectorState;
  /** Where the read models live (a file path, or "the store's database"). */
  readonly readModels: string;
  /** The log position every read model has taken into account. */
  readonly position: number;
  /** Failures resumed from the checkpoints since the start. */
  readonly restarts: number;
  /** The last failure's message, kept once resumed; null before any (as /health's `readModels.lastError`). */
  readonly lastError: string | null;
  /** While `retrying`: how long the pause before the next attempt is. */
  readonly retryInMs: number;
}

export interface ProjectorOptions {
  /** `sqlite:PATH` of the read models (see ReadSideOptions.readModels). */
  readonly readModels?: string;
  /** First pause after a failure (default 250 ms); doubled after each failure that made no progress. */
  readonly initialBackoffMs?: number;
  /** Longest pause (default 30 s). */
  readonly maxBackoffMs?: number;
  /** Told of each change of state (a failure and its pause, caught up and live, stopped). */
  readonly onStatus?: (status: ProjectorStatus) => void;
  readonly onProgress?: (p: RunnerProgress) => void;
  readonly onReset?: (names: readonly string[]) => void;
  /**
   * How often to look for a division tree recorded by another process (one read of the
   * division stream's version; default 5 s). A new tree closes the read models and opens
   * them again under it, as a restart did (docs/decisions/0084).
   */
  readonly treeCheckMs?: number;
  /** Told when the read models were reopened under a tree recorded since. */
  readonly onNewTree?: () => void;
}

/** Thrown from a catch-up's progress callback to stop it between two batches. */
class Stopping extends Error {}

/**
 * Keeps read models up to date with the log for as long as it runs: catches up, follows
 * live, and after any failure (a dropped subscription, an unavailable node, a busy file)
 * resumes from the checkpoints committed with the rows, after a pause that doubles up to
 * `maxBackoffMs` while attempts make no progress and starts over once one does. Exactly
 * once comes from the runner (rows and checkpoints in one transaction); this only decides
 * when to try again.
 */
export class Projector {
  private state: ProjectorState = 'catching-up';
  private restarts = 0;
  private lastError: string | null = null;
  private retryInMs = 0;
  /** Failures in a row that made no progress: the exponent of the pause. */
  private failures = 0;
  private positionAtFailure = -1;
  private timer: NodeJS.Timeout | undefined;
  private attempt: Promise<void> = Promise.resolve();
  private stopping = false;
  /** Set once the read models are closed: the position they were left at. */
  private positionAtStop: number | undefined;
  /** The read models are closed for a reopen under a new tree: the next attempt opens them. */
  private closed = false;
  /** The position the read models were at when closed for that reopen. */
  private positionAtClose = 0;
  /** A reopen under a new tree is under way: the attempt in progress stops, failures of the side being closed are not resumed. */
  private switching = false;
  private treeTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly ledger: Ledger,
    /** Opens the read models under the ledger's tree as it is then. */
    private readonly openSide: () => Promise<ReadSide>,
    private side: ReadSide,
    private readonly opts: ProjectorOptions,
  ) {}

  /** Opens the read models and starts keeping them; failures from here on are resumed, not thrown. */
  static async start(ledger: Ledger, opts: ProjectorOptions = {}): Promise<Projector> {
    // The live runner's errors go to the projector, which needs to exist first.
    const liveErrors: { to?: (e: Error) => void } = {};
    const openSide = async (): Promise<ReadSide> =>
      ReadSide.open(ledger, {
        catchUp: false,
        ...(opts.readModels !== undefined ? { readModels: opts.readModels } : {}),
        ...(opts.onReset ? { onReset: opts.onReset } : {}),
        onLiveError: (e) => liveErrors.to?.(e),
      });
    const projector = new Projector(ledger, openSide, await openSide(), opts);
    liveErrors.to = (e) => projector.failed(e);
    projector.run();
    projector.watchTree();
    return projector;
  }

  status(): ProjectorStatus {
    return {
      state: this.state,
      readModels: this.side.where,
      position: this.position(),
      restarts: this.restarts,
      lastError: this.lastError,
      retryInMs: this.state === 'retrying' ? this.retryInMs : 0,
    };
  }

  /** The log's head, as the store reports it now (undefined while it cannot be reached). */
  async head(): Promise<number | undefined> {
    try {
      return await this.side.ledger.store.headPosition();
    } catch {
      return undefined;
    }
  }

  /** Resolves once every read model has taken the event at `position` into account. */
  async waitFor(position: number): Promise<void> {
    while (this.position() < position) {
      if (this.positionAtStop !== undefined) throw new Error('the projector has stopped');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Stops between two batches (a catch-up) or after the event being applied (live), and
   * closes the read models: every checkpoint is the one committed with its rows.
   */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearTimeout(this.timer);
    clearTimeout(this.treeTimer);
    await this.attempt;
    await this.treeCheck;
    this.positionAtStop = this.position();
    if (!this.closed) await this.side.close();
    this.setState('stopped');
  }

  /** Where the read models stand (their checkpoints' lowest), or stood when closed. */
  private position(): number {
    return this.positionAtStop ?? (this.closed ? this.positionAtClose : this.side.position());
  }

  private run(): void {
    this.setState('catching-up');
    this.attempt = (async () => {
      try {
        if (this.closed) {
          this.side = await this.openSide();
          this.closed = false;
        }
        // Catch up batch by batch first, so that a stop waits for one batch, not the whole log.
        await this.side.catchUp((p) => {
          if (this.stopping || this.switching) throw new Stopping();
          this.opts.onProgress?.(p);
        });
        if (this.stopping || this.switching) return;
        await this.side.follow();
        if (!this.stopping) this.setState('live');
      } catch (e) {
        if (!(e instanceof Stopping)) this.failed(e instanceof Error ? e : new Error(String(e)));
      }
    })();
  }

  /** The one tree check under way (`stop` waits for it). */
  private treeCheck: Promise<void> = Promise.resolve();

  private watchTree(): void {
    if (this.stopping) return;
    this.treeTimer = setTimeout(() => {
      this.treeCheck = this.takeNewTree().finally(() => this.watchTree());
    }, this.opts.treeCheckMs ?? 5_000);
  }

  /**
   * A tree another process recorded since the read models were opened: they are closed
   * between two batches (or after the live event being applied) and opened again under it,
   * so the division sums move to it (decision 79's settle) and its divisions are rolled up.
   * A check that fails (the store unreachable) is left to the next one.
   */
  private async takeNewTree(): Promise<void> {
    try {
      await this.ledger.refreshDivisions();
    } catch {
      return;
    }
    if (this.stopping || this.ledger.divisions === this.side.divisions) return;
    this.switching = true;
    try {
      clearTimeout(this.timer);
      await this.attempt;
      if (this.stopping) return;
      if (!this.closed) {
        this.positionAtClose = this.side.position();
        this.closed = true;
        await this.side.close();
      }
    } catch {
      // Closing a side that failed: the reopen below starts from the checkpoints all the same.
    } finally {
      this.switching = false;
    }
    if (this.stopping) return;
    this.opts.onNewTree?.();
    this.run();
  }

  private failed(e: Error): void {
    if (this.stopping || this.switching) return;
    const position = this.position();
    if (position > this.positionAtFailure) this.failures = 0;
    this.positionAtFailure = position;
    const initial = this.opts.initialBackoffMs ?? 250;
    this.retryInMs = Math.min(this.opts.maxBackoffMs ?? 30_000, initial * 2 ** this.failures);
    this.failures++;
    this.restarts++;
    this.lastError = e.message;
    this.setState('retrying');
    this.timer = setTimeout(() => this.run(), this.retryInMs);
  }

  private setState(state: ProjectorState): void {
    this.state = state;
    this.opts.onStatus?.(this.status());
  }
}
