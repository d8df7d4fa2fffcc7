import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENESIS_HASH, InMemoryEventStore, sealEvents, SqliteEventStore, type EventStore } from '@hearth/event-store';
import { RECORDING_ORDER_SLACK_MS, scanLog } from '../src/audit/log-scan';

/** Appends one event (a stream that is not a household's: the scan does not decode) recorded at `recordedAt`. */
const append = async (store: EventStore, streamId: string, recordedAt: string): Promise<number> => {
  const version = await store.streamVersion(streamId);
  const last = version < 0 ? undefined : (await store.readStream(streamId, { fromVersion: version }))[0];
  const [event] = sealEvents(last?.metadata.hash ?? GENESIS_HASH, [
    { eventId: `${streamId}-${version + 1}`, type: 'Noted', data: {}, metadata: { occurredOn: recordedAt.slice(0, 10), recordedAt, actor: 'a', schemaVersion: 1 } },
  ]);
  return (await store.appendToStream(streamId, event ? [event] : [], version)).lastPosition;
};

const at = (ms: number): string => new Date(Date.UTC(2026, 0, 5, 9) + ms).toISOString();

describe('scanLog', () => {
  it(`lets recording times step back up to ${RECORDING_ORDER_SLACK_MS / 1000} s along positions, and names the event after a longer step`, async () => {
    const store = new InMemoryEventStore();
    await append(store, 'a', at(RECORDING_ORDER_SLACK_MS));
    await append(store, 'b', at(0)); // back by exactly the slack: an honest writer that waited for the lock
    await append(store, 'c', at(RECORDING_ORDER_SLACK_MS * 3));
    const late = await append(store, 'd', at(RECORDING_ORDER_SLACK_MS * 2 - 1)); // back by more than the slack
    const { anomalies, ids, events } = await scanLog(store, { pageSize: 2, contiguous: true });
    expect({ ids, events }).toEqual({ ids: ['a', 'b', 'c', 'd'], events: 4 });
    expect(anomalies).toEqual([
      { householdId: 'd', position: late, kind: 'recorded-out-of-order', detail: expect.stringContaining(`before the event at position ${late - 1} (c)`) },
    ]);
  });

  describe('on a SQLite file edited by hand', () => {
    let dir: string;
    let store: SqliteEventStore;
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'hearth-scan-'));
      store = SqliteEventStore.open(join(dir, 'events.db'));
      for (const s of ['a', 'b', 'a', 'b', 'a']) await append(store, s, at(0));
    });
    afterEach(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('names missing positions, the last ones of the log included, and a lowered counter', async () => {
      store.db.prepare('DELETE FROM events WHERE position IN (2, 5)').run();
      expect((await scanLog(store, { pageSize: 2, contiguous: true })).anomalies).toEqual([
        { householdId: '(log)', position: 2, kind: 'position-gap', detail: 'position 2 is missing: events were removed from the log' },
        { householdId: '(log)', position: 5, kind: 'position-gap', detail: 'position 5 is missing: the store handed out position 5, but the log ends at 4: its last events were removed, or the position counter was raised' },
      ]);
      store.db.prepare("UPDATE sqlite_sequence SET seq = 3 WHERE name = 'events'").run();
      store.db.prepare('DELETE FROM events WHERE position = 4').run();
      // The last events deleted and the counter lowered to match: only an anchor shows that (docs/decisions/0009).
      expect((await scanLog(store, { pageSize: 2, contiguous: true })).anomalies).toEqual([expect.objectContaining({ position: 2, kind: 'position-gap' })]);
      store.db.prepare("UPDATE sqlite_sequence SET seq = 1 WHERE name = 'events'").run();
      expect((await scanLog(store, { pageSize: 2, contiguous: true })).anomalies).toContainEqual(
        expect.objectContaining({ position: 3, kind: 'position-gap', detail: expect.stringContaining('counter (1) is below the last position (3)') }),
      );
    });

    it('names an event stored after a later version of its own stream', async () => {
      // a@0 is at 1, a@1 at 3: swapped, a's versions run against the positions.
      const move = store.db.prepare('UPDATE events SET position = ? WHERE position = ?');
      store.db.transaction(() => {
        move.run(-1, 1);
        move.run(1, 3);
        move.run(3, -1);
      })();
      expect((await scanLog(store, { pageSize: 10, contiguous: true })).anomalies).toEqual([
        { householdId: 'a', position: 3, kind: 'position-order', detail: 'version 0 of a is stored after version 1 of the same stream: positions were reordered' },
      ]);
    });

    it('reads around damaged rows, naming each, and still lists every stream and position', async () => {
      store.db.prepare("UPDATE events SET data = '{' WHERE position IN (2, 3)").run();
      const { anomalies, ids, events } = await scanLog(store, { pageSize: 2, contiguous: true });
      expect({ ids, events }).toEqual({ ids: ['a', 'b'], events: 5 });
      expect(anomalies).toEqual([
        { householdId: 'b', position: 2, kind: 'unreadable-event', detail: 'its data is not JSON; the chain and replay of b are not checked' },
        { householdId: 'a', position: 3, kind: 'unreadable-event', detail: 'its data is not JSON; the chain and replay of a are not checked' },
      ]);
    });
  });
});
