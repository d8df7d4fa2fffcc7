import Database from 'better-sqlite3';
import { join } from 'node:path';
import { eventHash, type EventMetadata } from '@hearth/event-store';
import { writeLines } from './support/cli';
import { countEvents, expectNoCrash, readSide, rowOf, run, setMetadata, tamperedStores, verify, type Row } from './support/tampered-stores';

jest.setTimeout(120_000);

/**
 * A hostile tester's edits of one stored event in a real SQLite file (its data, metadata or
 * type), each checked against the real `hearth` executable: `verify` names the damaged event
 * (exit 5); `rebuild` and `report` never crash.
 */
const stores = tamperedStores();

describe('an event edited in place: seen by the real executable', () => {
  it('the untouched fixture verifies and reports', () => {
    expect(verify(stores.base)).toEqual({ code: 0, anomalies: [] });
    const { rebuild, report } = readSide(stores.tampered(() => undefined));
    expect([rebuild.code, report.code]).toEqual([0, 0]);
  });

  it('edited data: a hash break at that event', () => {
    let row!: Row;
    const path = stores.tampered((db) => {
      row = rowOf(db, "type = 'MemberEmployed' AND stream_id = 'household-hh-001'");
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(row.data.replace('2600', '9600'), row.position);
    });
    expect(verify(path).anomalies).toContainEqual(expect.objectContaining({ householdId: 'hh-001', position: row.position, kind: 'hash-break' }));
    readSide(path);
  });

  it('edited note: a hash break at that event', () => {
    let row!: Row;
    const path = stores.tampered((db) => {
      row = rowOf(db, "type = 'MemberEmployed' AND stream_id = 'household-hh-002'");
      setMetadata(db, row, (m) => ({ ...m, note: 'nothing to see here' }));
    });
    expect(verify(path)).toEqual({ code: 5, anomalies: [expect.objectContaining({ householdId: 'hh-002', position: row.position, kind: 'hash-break' })] });
    readSide(path);
  });

  it('edited recording time: a hash break at that event', () => {
    let row!: Row;
    const path = stores.tampered((db) => {
      row = rowOf(db, "stream_id = 'household-hh-002' AND version = 3");
      setMetadata(db, row, (m) => ({ ...m, recordedAt: '2026-01-06T09:00:00.001Z' }));
    });
    expect(verify(path)).toEqual({ code: 5, anomalies: [expect.objectContaining({ householdId: 'hh-002', position: row.position, kind: 'hash-break' })] });
    readSide(path);
  });

  it('edited type (to a type that does not exist): named by verify; the read side refuses in one line', () => {
    let row!: Row;
    const path = stores.tampered((db) => {
      row = rowOf(db, "type = 'MemberEmployed' AND stream_id = 'household-hh-001'");
      db.prepare("UPDATE events SET type = 'MemberHired' WHERE position = ?").run(row.position);
    });
    const { code, anomalies } = verify(path);
    expect(code).toBe(5);
    expect(anomalies).toContainEqual(expect.objectContaining({ householdId: 'hh-001', position: row.position, kind: 'hash-break' }));
    expect(anomalies).toContainEqual(expect.objectContaining({ householdId: 'hh-001', position: row.position, kind: 'invalid-event' }));
    const { rebuild, report } = readSide(path);
    for (const r of [rebuild, report]) {
      expect(r.code).toBe(5);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`position ${row.position}\\b.*household-hh-001.*hearth verify`))]);
    }
  });

  it('data that is not JSON: named by verify; the read side refuses in one line', () => {
    let row!: Row;
    const path = stores.tampered((db) => {
      row = rowOf(db, "stream_id = 'household-hh-002' AND version = 4");
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(row.data.slice(0, -3), row.position);
    });
    const { code, anomalies } = verify(path);
    expect(code).toBe(5);
    expect(anomalies).toContainEqual(expect.objectContaining({ householdId: 'hh-002', position: row.position, kind: 'unreadable-event' }));
    const { rebuild, report } = readSide(path);
    const history = run(path, 'history', 'hh-002');
    // A command for that household cannot be decided over it: nothing of the batch is stored.
    const before = countEvents(path);
    const more = writeLines(join(stores.dir, 'more.jsonl'), ['{"type": "RecordFollowUp", "householdId": "hh-002", "on": "2017-02-01", "visitId": "v-9", "findings": "at home", "stillEmployed": false, "laborConcerns": [], "actor": "caseworker-3"}']);
    const imported = run(path, 'import', more);
    for (const r of [rebuild, report, history, imported]) {
      expectNoCrash(r);
      expect(r.code).toBe(5);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`position ${row.position}\\b.*household-hh-002.*hearth verify`))]);
    }
    expect(countEvents(path)).toBe(before);
  });

  it('an event damaged after the read models were built: verify --read-models refuses in one line, as the read side does', () => {
    // Built first, so that their checkpoint is past the event: the catch-up reads nothing, the check's own reads meet it.
    const path = stores.tampered(() => undefined);
    expect(run(path, 'rebuild').code).toBe(0);
    const db = new Database(path);
    let row!: Row;
    try {
      row = rowOf(db, "type = 'MemberEmployed' AND stream_id = 'household-hh-001'");
      db.prepare("UPDATE events SET type = 'MemberHired' WHERE position = ?").run(row.position);
    } finally {
      db.close();
    }
    for (const args of [['verify', '--read-models'], ['--json', 'verify', '--read-models']]) {
      const r = run(path, ...args);
      expectNoCrash(r);
      expect(r.code).toBe(5);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('verify:'))).toEqual([expect.stringMatching(new RegExp(`position ${row.position}\\b.*household-hh-001.*hearth verify`))]);
    }
  });

  it('a business date that is no date, or a recording time that is no time, hashes recomputed: invalid-event, where the read side refuses the first', () => {
    const rewritten = (edit: (m: EventMetadata) => EventMetadata): { path: string; row: Row } => {
      let row!: Row;
      const path = stores.tampered((db) => {
        row = rowOf(db, "stream_id = 'household-hh-002' AND version = (SELECT max(version) FROM events WHERE stream_id = 'household-hh-002')");
        const eventId = db.prepare('SELECT event_id FROM events WHERE position = ?').pluck().get(row.position) as string;
        const forged = edit(JSON.parse(row.metadata) as EventMetadata);
        setMetadata(db, row, () => ({ ...forged, hash: eventHash(forged.prevHash, { eventId, type: row.type, data: JSON.parse(row.data), metadata: forged }) }));
      });
      return { path, row };
    };
    // Day 32 of its own month: after the event before it, not after the day it was recorded, so the replay has nothing to say.
    const notADate = rewritten((m) => ({ ...m, occurredOn: `${m.occurredOn.slice(0, 8)}32` }));
    expect(verify(notADate.path)).toEqual({ code: 5, anomalies: [expect.objectContaining({ householdId: 'hh-002', position: notADate.row.position, kind: 'invalid-event', detail: expect.stringContaining('not a date') })] });
    const { rebuild } = readSide(notADate.path);
    expect([rebuild.code, rebuild.stderr]).toEqual([5, expect.stringContaining(`position ${notADate.row.position} `)]);
    const notATime = rewritten((m) => ({ ...m, recordedAt: 'the day before yesterday' }));
    expect(verify(notATime.path)).toEqual({ code: 5, anomalies: [expect.objectContaining({ householdId: 'hh-002', position: notATime.row.position, kind: 'invalid-event', detail: expect.stringContaining('not a time') })] });
    readSide(notATime.path);
  });
});
