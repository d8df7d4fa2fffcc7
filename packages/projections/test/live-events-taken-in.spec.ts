import Database from 'better-sqlite3';
import { householdEventCodec, SqliteEventStore, type RecordedEvent } from '@hearth/event-store';
import { interceptedStore } from '@hearth/event-store/testing';
import { openProjections, type Projections } from '../src';
import { dumpReadModels } from './support/dump';
import { feed } from './support/feed';
import { generatedRegion } from './support/generated-region';
import { context, policy, region } from './support/region';

/**
 * Every read catches the read models up itself (decision 163), so the live subscription
 * delivers events a read has already taken in. The subscription is held here and its
 * events handed over by the test, so that a read's catch-up can run between the append
 * and the delivery, as it does beside a writer the subscription lags behind.
 */
describe('the live runner, given events every projection has already taken in', () => {
  let store: SqliteEventStore;
  let started: number;
  let head: number;
  const commands = generatedRegion(30);
  const half = Math.floor(commands.length / 2);
  const tail = commands.length - 30;

  beforeEach(async () => {
    store = SqliteEventStore.open(':memory:');
    started = (await feed(store, commands.slice(0, half), context)).lastPosition;
  });

  afterEach(async () => {
    await store.close();
  });

  /** Projections over `store` whose live subscription delivers only what `deliver` is given; `onPage` sees each page's transaction. */
  const following = async (onPage: (position: number) => void = () => undefined): Promise<{ p: Projections; deliver: (events: readonly RecordedEvent[]) => Promise<void> }> => {
    let onEvent: ((e: RecordedEvent) => void | Promise<void>) | undefined;
    const held = interceptedStore(store, {
      subscribeToAll: (opts) => {
        onEvent = (e) => opts.onEvent(e);
        return { close: () => Promise.resolve() };
      },
    });
    const p = openProjections(held, { policy, divisions: region, runner: { beforeCheckpoint: onPage, onLiveError: (e) => { throw e; } } });
    await p.runner.start();
    const deliver = async (events: readonly RecordedEvent[]): Promise<void> => {
      for (const e of events) await onEvent?.(e);
    };
    return { p, deliver };
  };

  const rebuiltAt = async (): Promise<string> => {
    const scratch = new Database(':memory:');
    await openProjections(store, { policy, divisions: region, db: scratch }).runner.catchUp();
    const dump = dumpReadModels(scratch);
    scratch.close();
    return dump;
  };

  it('passes them over before decoding them, with no transaction, and applies the next new event as before', async () => {
    const pages: number[] = [];
    const { p, deliver } = await following((position) => pages.push(position));
    expect(p.runner.position()).toBe(started);
    head = (await feed(store, commands.slice(half, tail), context)).lastPosition;
    await p.runner.catchUp(undefined, head); // what a read does before it reads
    const taken = await store.readAll({ after: started });
    expect(taken.length).toBeGreaterThan(100);
    pages.length = 0;
    const decode = jest.spyOn(householdEventCodec, 'decode');
    try {
      await deliver(taken);
      expect(pages).toEqual([]);
      expect(decode).not.toHaveBeenCalled();
    } finally {
      decode.mockRestore();
    }
    expect(p.runner.position()).toBe(head);

    const more = await store.readAll({ after: head });
    expect(more).toEqual([]);
    await feed(store, commands.slice(tail), context);
    const fresh = await store.readAll({ after: head });
    await deliver(fresh);
    expect(pages).toEqual(fresh.map((e) => e.position)); // one transaction an event, as a live event always had
    expect(dumpReadModels(store.db)).toBe(await rebuiltAt());
    await p.close();
  });

  it('still replays, when waited on, a reset done elsewhere after it passed them over', async () => {
    const { p, deliver } = await following();
    head = (await feed(store, commands.slice(half, tail), context)).lastPosition;
    await p.runner.catchUp(undefined, head);
    await deliver(await store.readAll({ after: started }));
    // A rebuild elsewhere that got as far as its reset: the checkpoints are at zero, below what was delivered.
    const crashing = openProjections(interceptedStore(store, { readFeed: () => Promise.reject(new Error('killed after the reset')) }), { policy, divisions: region });
    await expect(crashing.rebuild()).rejects.toThrow('killed after the reset');
    expect(p.runner.position()).toBe(0);
    await p.runner.waitFor(head); // no event will come: the runner replays up to what it was delivered
    expect(p.runner.position()).toBe(head);
    expect(dumpReadModels(store.db)).toBe(await rebuiltAt());
    await p.close();
  });

  it('lets go, as it passes them over, those waiting for a position another runner reached', async () => {
    const { p, deliver } = await following();
    head = (await feed(store, commands.slice(half, tail), context)).lastPosition;
    let waited = false;
    const waiting = p.runner.waitFor(head).then(() => (waited = true));
    // Another process catches the same read models up: nothing tells this runner.
    await openProjections(store, { policy, divisions: region }).runner.catchUp();
    await Promise.resolve();
    expect(waited).toBe(false);
    await deliver(await store.readAll({ after: started }));
    await waiting;
    expect(waited).toBe(true);
    await p.close();
  });
});
