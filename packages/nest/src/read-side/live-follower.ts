import type { Logger } from '@nestjs/common';
import type { ReadSide } from '@hearth/read-side';

/** How the live projection runner fares: restarted after each failure of its subscription (decision 0040). */
export interface ReadModelLiveness {
  /** True while the runner follows the log (false with `follow: false`, before a tree, or while a restart is pending). */
  readonly live: boolean;
  /** True while the runner should follow the log but does not: its subscription failed and a restart is pending. */
  readonly degraded: boolean;
  /** Restarts that succeeded since the module started. */
  readonly restarts: number;
  /** The last failure of the live runner (or of a restart), and when (system clock). */
  readonly lastError: { readonly message: string; readonly at: string } | null;
}

/** First wait before restarting a failed live runner; doubled after each failed restart, up to the cap. */
const RESTART_DELAY_MS = 200;
const RESTART_DELAY_CAP_MS = 5_000;

/**
 * The module's live runner and its failures (decision 0040): which read side follows the
 * log, whether its subscription failed, the last failure, and the restarts from the read
 * models' checkpoints after each failure, each failed restart waiting twice as long, up to
 * the cap, until the module shuts down (`stopped`) or another read side replaces this one.
 * Meanwhile every report still answers: a read catches the read models up itself
 * (ReadSide.read).
 */
export class LiveFollower {
  private error: Error | undefined;
  private lastError: { message: string; at: string } | null = null;
  private restarts = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The read side whose runner follows the log (a reopen replaces it). */
  private side: ReadSide | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly now: () => string,
    private readonly stopped: () => boolean,
  ) {}

  /** A read side is being opened: no restart of the last one is pending, and no failure of it stands (the restarts keep counting). */
  reset(): void {
    this.cancel();
    this.error = undefined;
    this.side = undefined;
  }

  /** `side`'s runner follows the log. */
  following(side: ReadSide): void {
    this.side = side;
  }

  /** The live runner, or an open, failed with `error`. */
  failed(error: Error): void {
    this.error = error;
    this.lastError = { message: error.message, at: this.now() };
  }

  /** `side`'s subscription failed: follow the log again from the checkpoints after the first wait. */
  restartAfter(side: ReadSide): void {
    this.schedule(side, RESTART_DELAY_MS);
  }

  /** No failure stands since the last open or successful restart. */
  get healthy(): boolean {
    return this.error === undefined;
  }

  /** The liveness of a module that follows the log (`follows`) or not. */
  liveness(follows: boolean): ReadModelLiveness {
    const following = follows && this.side !== undefined;
    return { live: following && this.healthy, degraded: following && !this.healthy, restarts: this.restarts, lastError: this.lastError };
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(side: ReadSide, delayMs: number): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopped() || this.side !== side) return;
      side.follow().then(
        () => {
          this.restarts += 1;
          this.error = undefined;
          this.logger.log(`the read models follow the log again (restart ${this.restarts})`);
        },
        (e: unknown) => {
          const error = e instanceof Error ? e : new Error(String(e));
          this.failed(error);
          const next = Math.min(delayMs * 2, RESTART_DELAY_CAP_MS);
          this.logger.error(`restarting the read models failed: ${error.message}; next try in ${next} ms`);
          this.schedule(side, next);
        },
      );
    }, delayMs);
    this.timer.unref();
  }
}
