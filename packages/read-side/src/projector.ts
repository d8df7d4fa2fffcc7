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
  /** The last failure's message, kept once resumed (empty before any). */
  readonly lastError: string;
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
  private lastError = '';
  private retryInMs = 0;
  /** Failures in a row that made no progress: the exponent of the pause. */
  private failures = 0;
  private positionAtFailure = -1;
  private timer: NodeJS.Timeout | undefined;
  private attempt: Promise<void> = Promise.resolve();
  private stopping = false;
  /** Set once the read models are closed: the position they were left at. */
  private positionAtStop: number | undefined;

  private constructor(
    private readonly side: ReadSide,
    private readonly opts: ProjectorOptions,
  ) {}

  /** Opens the read models and starts keeping them; failures from here on are resumed, not thrown. */
  static async start(ledger: Ledger, opts: ProjectorOptions = {}): Promise<Projector> {
    // The live runner's errors go to the projector, which needs the side opened first.
    const liveErrors: { to?: (e: Error) => void } = {};
    const side = await ReadSide.open(ledger, {
      catchUp: false,
      ...(opts.readModels !== undefined ? { readModels: opts.readModels } : {}),
      ...(opts.onReset ? { onReset: opts.onReset } : {}),
      onLiveError: (e) => liveErrors.to?.(e),
    });
    const projector = new Projector(side, opts);
    liveErrors.to = (e) => projector.failed(e);
    projector.run();
    return projector;
  }

  status(): ProjectorStatus {
    return {
      state: this.state,
      readModels: this.side.where,
      position: this.positionAtStop ?? this.side.position(),
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
    while ((this.positionAtStop ?? this.side.position()) < position) {
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
    await this.attempt;
    this.positionAtStop = this.side.position();
    await this.side.close();
    this.setState('stopped');
  }

  private run(): void {
    this.setState('catching-up');
    this.attempt = (async () => {
      try {
        // Catch up batch by batch first, so that a stop waits for one batch, not the whole log.
        await this.side.catchUp((p) => {
          if (this.stopping) throw new Stopping();
          this.opts.onProgress?.(p);
        });
        if (this.stopping) return;
        await this.side.follow();
        if (!this.stopping) this.setState('live');
      } catch (e) {
        if (!(e instanceof Stopping)) this.failed(e instanceof Error ? e : new Error(String(e)));
      }
    })();
  }

  private failed(e: Error): void {
    if (this.stopping) return;
    const position = this.side.position();
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
