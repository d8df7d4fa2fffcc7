import Database from 'better-sqlite3';
import { expectNoCrash, readSide, rowOf, run, swapPositions, tamperedStores, verify, type Row } from './support/tampered-stores';

jest.setTimeout(120_000);

/**
 * A hostile tester's deletions and swaps of stored events in a real SQLite file, each checked
 * against the real `hearth` executable: `verify` names the gap or the order broken (exit 5), or
 * the case is one only `verify --read-models` can see; `rebuild` and `report` never crash.
 */
const stores = tamperedStores();

describe('events deleted or moved: seen by the real executable', () => {
  it('a deleted event in the middle of a stream: the gap and the broken link', () => {
    let row!: Row;
    const path = stores.tampered((db) => {
      row = rowOf(db, "stream_id = 'household-hh-001' AND version = 5");
      db.prepare('DELETE FROM events WHERE position = ?').run(row.position);
    });
    const { code, anomalies } = verify(path);
    expect(code).toBe(5);
    expect(anomalies).toContainEqual(expect.objectContaining({ position: row.position, kind: 'position-gap' }));
    expect(anomalies).toContainEqual(expect.objectContaining({ householdId: 'hh-001', kind: 'hash-break' }));
    // Version 6 now stands where version 5 should (decision 202).
    expect(anomalies).toContainEqual(expect.objectContaining({ householdId: 'hh-001', kind: 'version-gap', detail: expect.stringContaining('version 6 of household-hh-001 stands where version 5 should') }));
    readSide(path);
  });

  it('the deleted last event of the whole log', () => {
    let last!: number;
    const path = stores.tampered((db) => {
      last = db.prepare('SELECT max(position) FROM events').pluck().get() as number;
      db.prepare('DELETE FROM events WHERE position = ?').run(last);
    });
    expect(verify(path)).toEqual({ code: 5, anomalies: [expect.objectContaining({ position: last, kind: 'position-gap' })] });
    readSide(path);
  });

  it('the last events of the log deleted after the read models were built, the counter lowered too: verify --read-models says the log lost them', () => {
    // Plain verify cannot see this one (its --help says so); read models built before it still count those events.
    const path = stores.tampered(() => undefined);
    expect(run(path, 'rebuild').code).toBe(0);
    const db = new Database(path);
    let last!: number;
    try {
      last = db.prepare('SELECT max(position) FROM events').pluck().get() as number;
      db.prepare('DELETE FROM events WHERE position > ?').run(last - 2);
      db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'").run(last - 2);
    } finally {
      db.close();
    }
    expect(verify(path)).toEqual({ code: 0, anomalies: [] });
    const r = run(path, '--json', 'verify', '--read-models');
    expectNoCrash(r);
    // Not "busy, try again" (exit 6): no retry brings read models back level with a log that shrank.
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`up to position ${last}, but the log now ends at position ${last - 2}\\b.*hearth verify`))]);
    // A report over those read models would count the lost events: it refuses in the same line, and a rebuild is the remedy.
    const report = run(path, '--json', 'report', 'clearance', '--year', '2018');
    expect({ code: report.code, stdout: report.stdout }).toEqual({ code: 5, stdout: '' });
    expect(report.stderr).toContain(`but the log now ends at position ${last - 2}`);
    expect(run(path, 'rebuild').code).toBe(0);
    expect(run(path, '--json', 'verify', '--read-models').code).toBe(0);
    expect(run(path, '--json', 'report', 'clearance', '--year', '2018').code).toBe(0);
  });

  it('two events of different streams swapped across their own streams', () => {
    let a!: Row;
    let b!: Row;
    const path = stores.tampered((db) => {
      a = rowOf(db, "stream_id = 'household-hh-001' AND version = 3");
      b = rowOf(db, "stream_id = 'household-hh-002' AND version = 2");
      swapPositions(db, a.position, b.position);
    });
    const { code, anomalies } = verify(path);
    expect(code).toBe(5);
    expect(anomalies).toContainEqual(expect.objectContaining({ householdId: 'hh-001', position: b.position, kind: 'position-order' }));
    expect(anomalies).toContainEqual(expect.objectContaining({ householdId: 'hh-002', kind: 'position-order' }));
    readSide(path);
  });

  it('two events of different streams recorded a day apart, swapped', () => {
    let early!: Row;
    let late!: Row;
    const path = stores.tampered((db) => {
      early = rowOf(db, "stream_id = 'household-hh-001' AND version = (SELECT max(version) FROM events WHERE stream_id = 'household-hh-001')");
      late = rowOf(db, "stream_id = 'household-hh-002' AND version = 0");
      swapPositions(db, early.position, late.position);
    });
    const { code, anomalies } = verify(path);
    expect(code).toBe(5);
    // hh-002's first event (day 2) now sits where hh-001's last was; the event after it was recorded a day earlier.
    expect(anomalies).toContainEqual(expect.objectContaining({ position: early.position + 1, kind: 'recorded-out-of-order', detail: expect.stringContaining(`position ${early.position} (household-hh-002)`) }));
    readSide(path);
  });
});
