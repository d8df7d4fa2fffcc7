import { InMemoryEventStore } from './in-memory-event-store';
import { runEventStoreContract } from './testing';
import { testEvents } from './testing/event-factory';

runEventStoreContract('InMemoryEventStore', async () => ({ store: new InMemoryEventStore(), cleanup: async () => undefined }), { countsPositions: true });

describe('InMemoryEventStore specifics', () => {
  it('hands out frozen copies, so neither the writer nor a reader can rewrite history', async () => {
    const store = new InMemoryEventStore();
    const events = testEvents([{ data: { n: 1 } }]);
    await store.appendToStream('a', events, 'any');
    (events[0]?.data as { n: number }).n = 2;
    const [read] = await store.readStream('a');
    expect(read?.data).toEqual({ n: 1 });
    expect(() => {
      (read?.data as { n: number }).n = 3;
    }).toThrow(TypeError);
    await store.close();
  });

  it('refuses to work once closed', async () => {
    const store = new InMemoryEventStore();
    await store.close();
    await expect(store.readAll()).rejects.toThrow(/closed/);
  });
});
