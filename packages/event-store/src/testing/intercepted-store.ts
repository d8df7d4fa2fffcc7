import type { EventStore } from '../event-store';

/** The members of T that a value of T may lack: the port's optional capabilities. */
type OptionalMembers<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
type Capability = OptionalMembers<EventStore>;

/**
 * Every optional capability of the port, so that none is forgotten: the check below fails
 * to compile when the port gains one this list lacks.
 */
const CAPABILITIES = ['readFeed', 'issuedPositions', 'storedText', 'embeddedReadModels', 'writeSession', 'streamOrderedFeed', 'appendLimit', 'onlineCopy'] as const satisfies readonly Capability[];
const everyCapabilityListed: [Exclude<Capability, (typeof CAPABILITIES)[number]>] extends [never] ? true : never = true;
void everyCapabilityListed;

/**
 * A store that delegates to `store` except for the members given, for tests that need to
 * inject a race or a fault at one precise call. Each optional capability of the port is
 * forwarded when `store` has it and absent when it has not, so callers take the path they
 * take on `store` itself: a test that injects into the reads of the log overrides
 * `readFeed` on a store that has it, `readAll` on one that has not, and a test of a path a
 * capability would bypass says so by overriding it with `undefined`.
 */
export const interceptedStore = (store: EventStore, overrides: Partial<EventStore>): EventStore => {
  const delegated: EventStore = {
    appendToStream: (streamId, events, expected) => store.appendToStream(streamId, events, expected),
    appendBatch: (appends) => store.appendBatch(appends),
    readStream: (streamId, opts) => store.readStream(streamId, opts),
    streamVersion: (streamId) => store.streamVersion(streamId),
    readAll: (opts) => store.readAll(opts),
    headPosition: () => store.headPosition(),
    subscribeToAll: (opts) => store.subscribeToAll(opts),
    close: () => store.close(),
    atomicBatches: store.atomicBatches,
  };
  const forwarded: Partial<Record<Capability, unknown>> = delegated;
  for (const capability of CAPABILITIES) {
    const value: unknown = store[capability];
    if (value === undefined) continue;
    forwarded[capability] = typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(store) : value;
  }
  const intercepted: Record<string, unknown> = { ...delegated };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete intercepted[name];
    else intercepted[name] = value;
  }
  return intercepted as unknown as EventStore;
};
