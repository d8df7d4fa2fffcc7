import { type EventStore, WrongExpectedVersionError } from '@hearth/event-store';

/**
 * What the store's write sessions do, numbered from 1 (a batch is written in one session, and
 * a batch that loses a race is tried again in a new one): `write` as the store would; `lose`,
 * do the work and then lose the race on `streamId` to another writer, so that nothing of it is
 * kept; an Error, fail with it before any work (a full disk, say).
 */
export type SessionOutcome = 'write' | 'lose' | Error;

export const writeSessionsWhere = (store: EventStore, streamId: string, outcome: (call: number) => SessionOutcome) => {
  const session = store.writeSession!.bind(store);
  let calls = 0;
  return jest.spyOn(store as Required<EventStore>, 'writeSession').mockImplementation(async (work) => {
    calls += 1;
    const o = outcome(calls);
    if (o === 'write') return session(work);
    if (o === 'lose') return session(async (s) => (await work(s), Promise.reject(new WrongExpectedVersionError(streamId, -1, 0))));
    throw o;
  });
};

/** The error SQLite gives for a full disk. */
export const diskFull = (): Error => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
