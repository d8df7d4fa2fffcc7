import type { RecordedEvent } from '../envelope';

/** Collects what a subscription delivers and lets a test wait for the n-th event (no sleeps). */
export interface EventCollector {
  readonly events: RecordedEvent[];
  onEvent(event: RecordedEvent): void;
  /** Resolves once at least `count` events have arrived. */
  until(count: number): Promise<void>;
}

export const eventCollector = (): EventCollector => {
  const events: RecordedEvent[] = [];
  let waiters: { count: number; resolve(): void }[] = [];
  return {
    events,
    onEvent(event) {
      events.push(event);
      waiters = waiters.filter((w) => {
        if (events.length < w.count) return true;
        w.resolve();
        return false;
      });
    },
    until(count) {
      if (events.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
};
