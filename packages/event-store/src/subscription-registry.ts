import type { StreamAppend, SubscribeToAllOptions, Subscription } from './event-store';
import { CatchUpSubscription, CatchUpSubscriptionConfig } from './catch-up-subscription';

/**
 * The live subscriptions of one store instance: opened here, woken after each append
 * that wrote something, closed with the store. Shared by the adapters that serve
 * subscriptions from their own `readAll`.
 */
export class SubscriptionRegistry {
  private readonly subscriptions = new Set<CatchUpSubscription>();

  constructor(private readonly config: Omit<CatchUpSubscriptionConfig, 'onStopped'>) {}

  open(opts: SubscribeToAllOptions): Subscription {
    const subscription: CatchUpSubscription = new CatchUpSubscription(opts, {
      ...this.config,
      onStopped: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** After a committed batch: only a batch that appended events can matter to a reader. */
  appended(appends: readonly StreamAppend[]): void {
    if (appends.some((a) => a.events.length > 0)) this.wakeAll();
  }

  /** `appended` for one committed append, without a batch array made for it (a command at a time). */
  appendedOne(append: StreamAppend): void {
    if (append.events.length > 0) this.wakeAll();
  }

  /** After a committed transaction that appended events (a write session). */
  wakeAll(): void {
    for (const s of this.subscriptions) s.wake();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
  }
}
