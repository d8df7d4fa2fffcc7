import type { RecordedEvent } from './envelope';
import type { ReadAllOptions, SubscribeToAllOptions, Subscription } from './event-store';

export interface CatchUpSubscriptionConfig {
  /** How the subscription reads the log; the adapter's own readAll. */
  readAll(opts: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Events read per round trip while catching up. */
  pageSize: number;
  /**
   * When set, the subscription also re-reads this often while idle, to see writes that
   * did not come through this store instance (another process on the same SQLite file).
   */
  pollIntervalMs?: number;
  /** Called once the subscription has stopped, so the store can forget it. */
  onStopped?(): void;
}

/**
 * Pull-based catch-up subscription shared by the adapters.
 *
 * It never receives events pushed by a writer: a writer only *wakes* it, and it reads
 * after its own checkpoint. Order, exactly-once and no-gap delivery therefore follow
 * from the store's global position order, whatever the timing of appends and wakes.
 *
 * Between two full pages it lets the event loop turn: a SQLite store's reads resolve
 * without I/O, so a subscription behind a writer faster than its `onEvent` (a service's
 * live projections, one transaction an event) would otherwise run as one chain of
 * microtasks for as long as the writer writes, and starve the process's requests and
 * timers (docs/decisions/0163).
 */
export class CatchUpSubscription implements Subscription {
  private checkpoint: number;
  private closed = false;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private readonly done: Promise<void>;

  constructor(
    private readonly opts: SubscribeToAllOptions,
    private readonly config: CatchUpSubscriptionConfig,
  ) {
    this.checkpoint = opts.after ?? 0;
    this.done = this.run();
  }

  /** A writer appended something: read again (cheap if it was not for us). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeUp?.();
    await this.done;
  }

  private async run(): Promise<void> {
    let caughtUp = false;
    try {
      while (!this.closed) {
        this.woken = false;
        const page = await this.config.readAll({
          after: this.checkpoint,
          maxCount: this.config.pageSize,
          types: this.opts.types,
        });
        for (const event of page) {
          if (this.closed) return;
          await this.opts.onEvent(event);
          this.checkpoint = event.position;
        }
        if (page.length < this.config.pageSize) {
          if (!caughtUp && !this.closed) {
            caughtUp = true;
            this.opts.onCaughtUp?.();
          }
          await this.idle();
        } else await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      this.closed = true;
      this.report(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.config.onStopped?.();
    }
  }

  private idle(): Promise<void> {
    if (this.woken || this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      this.wakeUp = finish;
      if (this.config.pollIntervalMs !== undefined) timer = setTimeout(finish, this.config.pollIntervalMs);
    });
  }

  private report(error: Error): void {
    if (this.opts.onError) {
      this.opts.onError(error);
      return;
    }
    // No handler: surface it as an uncaught error rather than letting a projection stall silently.
    queueMicrotask(() => {
      throw error;
    });
  }
}
