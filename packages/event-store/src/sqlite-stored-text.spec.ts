import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DamagedEventError } from './damaged-event-error';
import { checkLinks, GENESIS_HASH, sealEvents, verifyStream } from './hash-chain';
import { storedDataJson, storedMetadataJson } from './sealed-text';
import { SqliteEventStore } from './sqlite-event-store';
import { SQLITE_QUERIES } from './sqlite-queries';
import { testEvents } from './testing/event-factory';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hearth-stored-text-'));
  file = join(dir, 'events.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const rowsOf = (path: string): { data: string; metadata: string }[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT data, metadata FROM events ORDER BY position').all() as { data: string; metadata: string }[];
  } finally {
    db.close();
  }
};

const unsorted = (n: number) => ({
  eventId: `e-${n}`,
  type: 'TestEvent',
  data: { z: n, a: { y: 'é', b: [2, { d: 1, c: null }] } },
  metadata: { recordedAt: '2016-08-01T08:00:00.000Z', occurredOn: '2016-08-01', actor: 'tester', schemaVersion: 1, commandId: `c-${n}` },
});

describe('SqliteEventStore: the text it stores', () => {
  it('stores the canonical text sealing wrote (keys sorted, the hashes last), which reads back as the sealed event', async () => {
    const store = SqliteEventStore.open(file);
    const sealed = sealEvents(GENESIS_HASH, [unsorted(0)]);
    await store.appendToStream('s', sealed, 'no_stream');
    const [event] = sealed;
    if (!event) throw new Error('nothing sealed');
    expect(rowsOf(file)).toEqual([
      {
        data: '{"a":{"b":[2,{"c":null,"d":1}],"y":"é"},"z":0}',
        metadata: `{"actor":"tester","commandId":"c-0","hashFormat":2,"occurredOn":"2016-08-01","recordedAt":"2016-08-01T08:00:00.000Z","schemaVersion":1,"prevHash":"${GENESIS_HASH}","hash":"${event.metadata.hash}"}`,
      },
    ]);
    const read = await store.readStream('s');
    expect(read.map(({ data, metadata }) => ({ data, metadata }))).toEqual([{ data: event.data, metadata: event.metadata }]);
    expect(verifyStream(read)).toEqual({ ok: true });
    await store.close();
  });

  it('stores a copy of a sealed event, or one whose data was replaced, from its own fields', async () => {
    const store = SqliteEventStore.open(file);
    const [first, second] = testEvents([{ data: { n: 1 } }, { data: { n: 2 } }]);
    if (!first || !second) throw new Error('nothing sealed');
    second.data = { n: 20, changed: true };
    await store.appendToStream('s', [{ ...first, data: { n: 10 } }, second], 'no_stream');
    expect(rowsOf(file).map((r) => r.data)).toEqual(['{"n":10}', '{"n":20,"changed":true}']);
    await store.close();
  });

  it('opens a store whose rows the code before sealed text wrote (JSON.stringify, keys as inserted): reads, verifies and continues its chains', async () => {
    // The layout and text of the adapter before this change, written by hand.
    await SqliteEventStore.open(file).close();
    const old = sealEvents(GENESIS_HASH, [unsorted(0), unsorted(1)]);
    const db = new Database(file);
    const insert = db.prepare(SQLITE_QUERIES.insertEvent);
    old.forEach((e, version) => insert.run('s', version, e.eventId, e.type, JSON.stringify({ ...e.data as object }), JSON.stringify({ ...e.metadata })));
    db.close();
    const oldRows = rowsOf(file);
    expect(oldRows[0]?.data).toBe('{"z":0,"a":{"y":"é","b":[2,{"d":1,"c":null}]}}');

    const store = SqliteEventStore.open(file);
    const before = await store.readStream('s');
    expect(verifyStream(before)).toEqual({ ok: true });
    const tip = before.at(-1)?.metadata.hash ?? '';
    await store.appendToStream('s', sealEvents(tip, [unsorted(2)]), 1);
    const after = await store.readStream('s');
    expect(after.map((e) => e.data)).toEqual([0, 1, 2].map((n) => unsorted(n).data));
    expect(verifyStream(after)).toEqual({ ok: true });
    await store.close();
    expect(rowsOf(file).slice(0, 2)).toEqual(oldRows);
  });

  it('storedText hands on what the rows hold, however written: the chain check on it agrees with the values', async () => {
    await SqliteEventStore.open(file).close();
    const db = new Database(file);
    const insert = db.prepare(SQLITE_QUERIES.insertEvent);
    // Rows of the code before sealed text (keys as inserted), one whose data was made a BLOB, one whose data is no JSON.
    sealEvents(GENESIS_HASH, [unsorted(0), unsorted(1)]).forEach((e, version) => insert.run('old', version, e.eventId, e.type, JSON.stringify({ ...e.data as object }), JSON.stringify({ ...e.metadata })));
    testEvents(2).forEach((e, version) => insert.run('blob', version, e.eventId, e.type, version === 1 ? Buffer.from(storedDataJson(e)) : storedDataJson(e), storedMetadataJson(e)));
    testEvents(1).forEach((e) => insert.run('broken', 0, e.eventId, e.type, '{"n":', storedMetadataJson(e)));
    db.close();
    const store = SqliteEventStore.open(file);
    const old = await store.storedText.readStream('old');
    expect(old.texts).toEqual({ dataJson: rowsOf(file).slice(0, 2).map((r) => r.data), metadataJson: rowsOf(file).slice(0, 2).map((r) => r.metadata) });
    expect(checkLinks(old.events, undefined, old.texts)).toEqual([{ ok: true }, { ok: true }]);
    const blob = await store.storedText.readStream('blob');
    expect(blob.events).toEqual(await store.readStream('blob'));
    expect(blob.texts.dataJson[1]).toBe('');
    expect(checkLinks(blob.events, undefined, blob.texts)).toEqual(checkLinks(blob.events));
    const damaged = await store.readStream('broken').catch((error: unknown) => error);
    expect(damaged).toBeInstanceOf(DamagedEventError);
    expect(await store.storedText.readStream('broken').catch((error: unknown) => error)).toEqual(damaged);
    await store.close();
  });
});
