import type { EventStore } from '../event-store';
import { appendLimitContract } from './contract-append-limit';
import { batchContract } from './contract-batches';
import { feedContract } from './contract-feed';
import { handlerContract } from './contract-handlers';
import { onlineCopyContract } from './contract-online-copy';
import { readAllContract } from './contract-read-all';
import type { ContractScope } from './contract-scope';
import { storedTextContract } from './contract-stored-text';
import { streamOrderedFeedContract } from './contract-stream-ordered-feed';
import { streamContract } from './contract-streams';
import { subscriptionContract } from './contract-subscriptions';

export interface EventStoreFixture {
  /** A store over empty storage. */
  store: EventStore;
  /** Persistent adapters: a new store over the same storage (the kit closes `store` first). */
  reopen?: () => Promise<EventStore>;
  /** With `copiesOnline`: a store over the copy `onlineCopy` wrote at `path` (the kit closes it). */
  openCopy?: (path: string) => Promise<EventStore>;
  /** Removes the storage; the kit has closed every store by then. */
  cleanup(): Promise<void>;
}

export interface ContractOptions {
  /** The adapter keeps data across instances: run the reopen case (the fixture must offer `reopen`). */
  persistent?: boolean;
  /**
   * Where the adapter can promise that event ids are unique: in the whole `store`
   * (default: SQLite, memory), or only within one append or batch (`append`: EventStoreDB
   * keeps no index by event id, and stores an id already used in another stream again).
   */
  eventIdScope?: 'store' | 'append';
  /**
   * The adapter numbers positions 1, 2, 3, … over empty storage, with no gap between
   * consecutive appends (default: SQLite, memory). The port itself only promises strictly
   * increasing positions with an exclusive `after`; with `false` (EventStoreDB: log byte
   * offsets shared with system events) the kit asserts only that, from positions it observed.
   */
  contiguousPositions?: boolean;
  /**
   * The adapter offers `issuedPositions` (SQLite, memory), checked here; without this
   * option the kit checks that it does not (a verifier would otherwise trust an untested count).
   */
  countsPositions?: boolean;
  /**
   * The adapter offers `storedText` (SQLite: it stores the text the seal wrote), checked
   * here; without this option the kit checks that it does not.
   */
  storesText?: boolean;
  /**
   * The adapter offers `streamOrderedFeed` (SQLite: through its (stream, version) index),
   * checked here; without this option the kit checks that it does not.
   */
  readsByStream?: boolean;
  /**
   * The adapter offers `appendLimit` (KurrentDB: its `MaxAppendSize`), checked here against
   * what the store refuses; without this option the kit checks that it does not, and that
   * it takes an append over 1 MiB.
   */
  limitsAppends?: boolean;
  /**
   * The adapter offers `onlineCopy` (SQLite on a file), checked here through the fixture's
   * `openCopy`; without this option the kit checks that it does not.
   */
  copiesOnline?: boolean;
  /**
   * A failed `appendBatch` stores nothing (default: SQLite, memory). With `false`
   * (EventStoreDB: no transaction across streams) the kit checks that the store says so
   * (`atomicBatches`) and that a failed batch stored at most the appends before the one that
   * failed, in order: what a caller that finds out what was stored relies on.
   */
  atomicBatches?: boolean;
}

/**
 * The behaviour every EventStore adapter must have, as one jest `describe` block. Call
 * it at the top level of a spec file; `factory` is called once per test.
 */
export const runEventStoreContract = (
  name: string,
  factory: () => Promise<EventStoreFixture>,
  options: ContractOptions = {},
): void => {
  describe(`${name} (EventStore contract)`, () => {
    // Filled by beforeEach: the parts below are declared before any test runs.
    const k = {
      name,
      options,
      storeWide: (options.eventIdScope ?? 'store') === 'store',
      contiguous: options.contiguousPositions ?? true,
      atomic: options.atomicBatches ?? true,
    } as ContractScope;

    beforeEach(async () => {
      k.fixture = await factory();
      k.store = k.fixture.store;
    });

    afterEach(async () => {
      await k.store.close();
      await k.fixture.store.close();
      await k.fixture.cleanup();
    });

    streamContract(k);
    batchContract(k);
    readAllContract(k);
    feedContract(k);
    storedTextContract(k);
    streamOrderedFeedContract(k);
    appendLimitContract(k);
    onlineCopyContract(k);
    subscriptionContract(k);
    // Last: its large stream, on a server shared between tests, leaves 20 000 events in
    // `$all` that every later `readAll` from the start would page through.
    handlerContract(k);
  });
};
