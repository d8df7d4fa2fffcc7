import { CatchUpSubscription } from './catch-up-subscription';
import type { RecordedEvent } from './envelope';

const PAGE = 10;
/** Full pages a writer keeps in front of the subscription before it stops. */
const PAGES = 1_000;

const eventAt = (position: number): RecordedEvent => ({ position, streamId: 's', streamVersion: position - 1 }) as RecordedEvent;

describe('a catch-up subscription behind a writer that keeps every page full', () => {
  it('lets the event loop turn between two pages: a timer set as it starts fires long before the writer stops', async () => {
    let delivered = 0;
    let deliveredWhenTheTimerFired: number | undefined;
    const timer = new Promise<void>((resolve) =>
      setTimeout(() => {
        deliveredWhenTheTimerFired = delivered;
        resolve();
      }, 0),
    );
    let pagesRead = 0;
    const subscription = new CatchUpSubscription(
      { after: 0, onEvent: () => void delivered++ },
      {
        // Reads that resolve without I/O, as a SQLite store's do; every page full until the writer stops.
        readAll: ({ after = 0 }) => Promise.resolve(pagesRead++ < PAGES ? Array.from({ length: PAGE }, (_, i) => eventAt(after + i + 1)) : []),
        pageSize: PAGE,
      },
    );
    await timer;
    await subscription.close();
    // Run as one chain of microtasks, it would deliver all PAGE * PAGES events before the timer fires.
    expect(deliveredWhenTheTimerFired).toBeLessThan(PAGE * PAGES);
  });
});
