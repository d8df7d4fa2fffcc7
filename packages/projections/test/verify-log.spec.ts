import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type HouseholdCommand, householdStream } from '@hearth/domain';
import { InMemoryEventStore, sealEvents, SqliteEventStore } from '@hearth/event-store';
import * as E from 'fp-ts/Either';
import { householdHistory, parseKnownAt, verifyLog } from '../src';
import { feed } from './support/feed';
import { handWorkedHouseholds } from './support/hand-worked-region';
import { context } from './support/region';

/** The stored row of h1's first IncomeRecorded, read straight from the file. */
const incomeRow = (file: string): { position: number; data: string } => {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[], { position: number; data: string }>("SELECT position, data FROM events WHERE stream_id = 'household-h1' AND type = 'IncomeRecorded' ORDER BY position LIMIT 1")
      .get() as { position: number; data: string };
  } finally {
    db.close();
  }
};

describe('verifyLog on a SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-verify-'));
  const file = join(dir, 'hearth.db');

  beforeAll(async () => {
    const store = SqliteEventStore.open(file);
    // Fed day by day: recording times (noon of each business date) then follow the log's order, as a real clock's do.
    const byDay = [...handWorkedHouseholds.flat()].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
    await feed(store, byDay, context, { strict: true });
    await store.close();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes on an untouched store', async () => {
    const store = SqliteEventStore.open(file);
    const result = await verifyLog(store, context);
    await store.close();
    // one event per command, and h2's follow-up also raised a labour concern
    expect(result).toEqual({ streams: 8, events: handWorkedHouseholds.flat().length + 1, anomalies: [], notices: [] });
  });

  it("names the household and position of an event whose data was edited in the file", async () => {
    const { position, data } = incomeRow(file);
    const db = new Database(file);
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify({ ...JSON.parse(data), amount: 99999 }), position);
    db.close();

    const store = SqliteEventStore.open(file);
    const result = await verifyLog(store, context);
    const history = await householdHistory(store, 'h1', undefined, context);
    await store.close();
    expect(result.anomalies).toEqual([{ householdId: 'h1', position, kind: 'hash-break', detail: expect.stringContaining('content') }]);
    expect(history.events.filter((e) => !e.hashOk).map((e) => e.position)).toEqual([position]);
    expect(history.anomalies).toEqual(result.anomalies);
  });

  it('reports an event the Decider would not have produced, even with a valid hash chain', async () => {
    const store = SqliteEventStore.open(file);
    // h4 withdrew: a clearance appended behind the Decider's back, properly chained (and recorded after the rest).
    const stream = await store.readStream(householdStream('h4'));
    const last = stream[stream.length - 1];
    if (!last) throw new Error('h4 has no events');
    const [forged] = sealEvents(last.metadata.hash, [
      { eventId: 'forged-1', type: 'HouseholdCleared', data: { activeEmploymentIds: ['e9'] }, metadata: { occurredOn: '2016-12-15', recordedAt: '2018-01-01T10:00:00.000Z', actor: 'intruder', schemaVersion: 1 } },
    ]);
    const { lastPosition } = await store.appendToStream(householdStream('h4'), forged ? [forged] : [], last.streamVersion);
    const result = await verifyLog(store, context);
    // The household's audit timeline says so too: every hash matches, and the replay refuses the clearance.
    const history = await householdHistory(store, 'h4', undefined, context);
    const asOfBefore = await householdHistory(store, 'h4', '2016-12-14', context);
    // Known at an instant before the forgery was recorded (2018-01-01): what the ledger held then, judged as it stands now.
    const knownBefore = await householdHistory(store, 'h4', undefined, context, E.getOrElseW(() => undefined)(parseKnownAt('2017-12-31')));
    await store.close();
    expect(result.anomalies).toContainEqual({ householdId: 'h4', position: lastPosition, kind: 'rejected', detail: expect.stringContaining('NOT_IDENTIFIED') });
    expect(result.anomalies.filter((a) => a.householdId === 'h4')).toHaveLength(1);
    expect(history.events.every((e) => e.hashOk)).toBe(true);
    expect(history.anomalies).toEqual(result.anomalies.filter((a) => a.householdId === 'h4'));
    // As of a date before the forged event: the timeline stops there, its findings do not (the stream is one record).
    expect(asOfBefore.events.map((e) => e.position)).not.toContain(lastPosition);
    expect(asOfBefore.anomalies).toEqual(history.anomalies);
    expect(knownBefore.knownAt).toBe('2017-12-31T23:59:59.999Z');
    expect(knownBefore.events.map((e) => e.position)).not.toContain(lastPosition);
    expect(knownBefore.anomalies).toEqual(history.anomalies);
  });

  it('decides every correction again: one that amends nothing, or misnames what it corrects, is an anomaly (decision 118)', async () => {
    const store = SqliteEventStore.open(file);
    // h3, whose income was corrected in 2017: two more corrections of its registration chained behind the Decider's back.
    const stream = await store.readStream(householdStream('h3'));
    const [registration] = stream;
    const last = stream[stream.length - 1];
    if (!registration || !last) throw new Error('h3 has no events');
    const metadata = { occurredOn: '2016-12-20', recordedAt: '2018-01-02T10:00:00.000Z', actor: 'intruder', schemaVersion: 1 };
    const village = (registration.data as { divisionCode: string }).divisionCode;
    const forged = sealEvents(last.metadata.hash, [
      { eventId: 'forged-2', type: 'EventCorrected', data: { eventId: registration.eventId, correctedType: 'HouseholdRegistered', correction: {}, reason: 'x' }, metadata },
      { eventId: 'forged-3', type: 'EventCorrected', data: { eventId: registration.eventId, correctedType: 'HouseholdCleared', correction: { divisionCode: village }, reason: 'x' }, metadata },
    ]);
    const { lastPosition } = await store.appendToStream(householdStream('h3'), forged, last.streamVersion);
    const result = await verifyLog(store, context);
    await store.close();
    expect(result.anomalies.filter((a) => a.householdId === 'h3')).toEqual([
      { householdId: 'h3', position: lastPosition - 1, kind: 'rejected', detail: expect.stringContaining('INVALID_CORRECTION') },
      { householdId: 'h3', position: lastPosition, kind: 'different-events', detail: expect.stringContaining('"correctedType":"HouseholdRegistered"') },
    ]);
  });

  it('reports an event dated after the day it was recorded, once, and replays it as the Decider would (decision 135)', async () => {
    const store = SqliteEventStore.open(file);
    // h2: a member added "on 2030-06-03" by a record made on 2030-06-01 (UTC), properly chained behind the Decider's back.
    const stream = await store.readStream(householdStream('h2'));
    const last = stream[stream.length - 1];
    if (!last) throw new Error('h2 has no events');
    const at = (occurredOn: string, eventId: string) => ({ eventId, type: 'MemberAdded', data: { memberId: eventId, birthYear: 1990 }, metadata: { occurredOn, recordedAt: '2030-06-01T23:30:00.000Z', actor: 'intruder', schemaVersion: 1 } });
    // The day after the UTC date is already today east of UTC: no anomaly.
    const forged = sealEvents(last.metadata.hash, [at('2030-06-02', 'm-east'), at('2030-06-03', 'm-later')]);
    const { lastPosition } = await store.appendToStream(householdStream('h2'), forged, last.streamVersion);
    // Verified by a ledger whose clock says an earlier day: the replay reads each event's own recording time, not the clock.
    const result = await verifyLog(store, { ...context, recordedAt: '2026-12-05T00:00:00.000Z' });
    await store.close();
    expect(result.anomalies.filter((a) => a.householdId === 'h2')).toEqual([
      { householdId: 'h2', position: lastPosition, kind: 'dated-after-recording', detail: expect.stringMatching(/^MemberAdded: business date 2030-06-03 is after 2030-06-02, the latest date anywhere on earth when it was recorded \(2030-06-01T/) },
    ]);
  });
});

describe('verifyLog over a recording time written in another form (decision 206)', () => {
  const registration = { type: 'RegisterHousehold', householdId: 'h-x', on: '2020-01-05', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] } as HouseholdCommand;

  it.each(['2016-12-31T23:00:00.000Z', 'Sat, 31 Dec 2016 23:00:00 GMT', '2016/12/31 23:00Z'])('reads %j as the instant it is, and names the event dated after it', async (at) => {
    const store = new InMemoryEventStore();
    await feed(store, [registration], context, { strict: true, recordedAt: () => at });
    const { anomalies } = await verifyLog(store, context);
    expect(anomalies.map((a) => [a.kind, a.detail])).toEqual([['dated-after-recording', expect.stringContaining('business date 2020-01-05 is after 2017-01-01')]]);
  });

  it('names a recording time that is no time as invalid-event only', async () => {
    const store = new InMemoryEventStore();
    await feed(store, [registration], context, { strict: true, recordedAt: () => '' });
    expect((await verifyLog(store, context)).anomalies.map((a) => a.kind)).toEqual(['invalid-event']);
  });
});

describe('verifyLog after a bulk import of past records', () => {
  // Every event keyed in years after its business date: each one is a late-recording notice.
  const imported = async (): Promise<InMemoryEventStore> => {
    const store = new InMemoryEventStore();
    await feed(store, handWorkedHouseholds.flat(), context, { strict: true, recordedAt: () => '2030-01-01T00:00:00.000Z' });
    return store;
  };

  it('keeps the earliest notices it is asked for and counts them all', async () => {
    const store = await imported();
    const all = await verifyLog(store, context);
    const three = await verifyLog(store, context, { keepNotices: 3 });
    const none = await verifyLog(store, context, { keepNotices: 0 });
    expect(all.notices.length).toBe(all.events);
    expect(all.noticesFound).toBeUndefined();
    expect(three.notices).toEqual(all.notices.slice(0, 3));
    expect(three.noticesFound).toBe(all.notices.length);
    expect(none.notices).toEqual([]);
    expect(none.noticesFound).toBe(all.notices.length);
    // Capping notices changes nothing else.
    expect({ ...three, notices: [], noticesFound: 0 }).toEqual({ ...all, notices: [], noticesFound: 0 });
  });
});

describe('verifyLog says how far it is', () => {
  it('reports the first pass page by page, up to the head, before it checks any stream', async () => {
    const store = new InMemoryEventStore();
    await feed(store, handWorkedHouseholds.flat(), context, { strict: true });
    const head = await store.headPosition();
    const scanned: { eventsRead: number; position: number }[] = [];
    const said: string[] = [];
    const result = await verifyLog(store, context, {
      pageSize: 4,
      onScanProgress: (p) => {
        scanned.push({ ...p });
        said.push('scan');
      },
      onProgress: (p) => said.push(`checked ${p.streamsChecked} of ${p.streams}`),
    });
    const pages = Math.ceil(result.events / 4);
    // One report a page, each four events further on, the last at the head.
    expect(scanned.map((p) => p.eventsRead)).toEqual(Array.from({ length: pages }, (_, i) => Math.min(4 * (i + 1), result.events)));
    expect(scanned.every((p, i) => i === 0 || p.position > (scanned[i - 1] as { position: number }).position)).toBe(true);
    expect(scanned.at(-1)).toEqual({ eventsRead: result.events, position: head });
    // The whole first pass is reported before the first stream is checked.
    expect(said).toEqual([...Array<string>(pages).fill('scan'), ...Array.from({ length: result.streams }, (_, i) => `checked ${i + 1} of ${result.streams}`)]);
  });
});

describe('verifyLog over stream versions edited in the file (decision 202)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-verify-versions-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A new store of the hand-worked region with h1's versions set by `edit` (SQL over `version`), and what verify and h1's history find. */
  const after = async (name: string, edit: string | undefined) => {
    const file = join(dir, `${name}.db`);
    const store = SqliteEventStore.open(file);
    await feed(store, [...handWorkedHouseholds.flat()].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)), context, { strict: true });
    await store.close();
    const db = new Database(file);
    const positions = db.prepare<[], { position: number }>("SELECT position FROM events WHERE stream_id = 'household-h1' ORDER BY version").all().map((r) => r.position);
    // Through versions no event holds, as the primary key (stream, version) allows no two events one version on the way.
    if (edit !== undefined) {
      db.prepare("UPDATE events SET version = version + 100000 WHERE stream_id = 'household-h1'").run();
      db.prepare(`UPDATE events SET version = ${edit} WHERE stream_id = 'household-h1'`).run();
    }
    db.close();
    const reopened = SqliteEventStore.open(file);
    const result = await verifyLog(reopened, context);
    const history = await householdHistory(reopened, 'h1', undefined, context);
    await reopened.close();
    return { positions, anomalies: result.anomalies, history: history.anomalies };
  };

  it('finds nothing in versions as the store wrote them', async () => {
    expect((await after('untouched', 'version - 100000')).anomalies).toEqual([]);
  });

  it.each([
    ['renumbered 0, 2, 4…', '(version - 100000) * 2', 1],
    ['shifted by one', 'version - 100000 + 1', 0],
    ['the last one set to 100', 'CASE WHEN version - 100000 = (SELECT max(version) FROM events WHERE stream_id = \'household-h1\') - 100000 THEN 100 ELSE version - 100000 END', -1],
  ])('names one version-gap, at the first event out of place, in versions %s', async (name, edit, outOfPlace) => {
    const { positions, anomalies, history } = await after(name.replace(/\W+/g, '-'), edit);
    const at = positions.at(outOfPlace) as number;
    expect(anomalies).toEqual([{ householdId: 'h1', position: at, kind: 'version-gap', detail: expect.stringContaining('household-h1 stands where version') }]);
    expect(history).toEqual(anomalies);
  });
});
