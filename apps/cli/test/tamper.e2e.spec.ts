import Database from 'better-sqlite3';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { eventHash, sealEvents, type EventMetadata } from '@hearth/event-store';
import { importCommands, Ledger } from '@hearth/ledger';
import { EXAMPLES, hearth, tempDir, writeLines, type CliRun } from './support/cli';

jest.setTimeout(120_000);

/**
 * A hostile tester's edits of a real SQLite file, each checked against the real `hearth`
 * executable: `verify` names the damaged event (exit 5) or the case is one that its
 * `--help` lists as undetectable without an anchor; `rebuild` and `report` never crash.
 */
interface Row {
  position: number;
  stream_id: string;
  version: number;
  type: string;
  data: string;
  metadata: string;
}

interface Finding {
  householdId: string;
  position: number;
  kind: string;
  detail: string;
}

const DAY_1 = '2026-01-05T09:00:00.000Z';
const DAY_2 = '2026-01-06T09:00:00.000Z';

let dir: string;
let cleanup: () => void;
let base: string;

/**
 * The example journeys: hh-001 imported on day 1, hh-002 on day 2 (one clock value per
 * import, as a short real import would have), through the library the CLI runs.
 */
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  base = join(dir, 'base.db');
  const lines = readFileSync(join(EXAMPLES, 'commands.jsonl'), 'utf8').trim().split('\n');
  const first = writeLines(join(dir, 'first.jsonl'), lines.filter((l) => l.includes('"hh-001"')));
  const second = writeLines(join(dir, 'second.jsonl'), lines.filter((l) => !l.includes('"hh-001"')));
  for (const [file, at] of [[first, DAY_1], [second, DAY_2]] as const) {
    const ledger = await Ledger.open({ storeUrl: `sqlite:${base}`, policy: referencePolicy, now: () => at });
    try {
      if (!ledger.divisions) await ledger.recordDivisionTree(JSON.parse(readFileSync(join(EXAMPLES, 'divisions.json'), 'utf8')), '2016-01-01');
      await importCommands(ledger, { source: file, now: () => at });
    } finally {
      await ledger.close();
    }
  }
});
afterAll(() => cleanup());

let copies = 0;
/** A fresh copy of the fixture, edited by `tamper` with a plain SQLite connection. */
const tampered = (tamper: (db: Database.Database) => void): string => {
  copies += 1;
  const path = join(dir, `case-${copies}.db`);
  copyFileSync(base, path);
  const db = new Database(path);
  try {
    tamper(db);
  } finally {
    db.close();
  }
  return path;
};

const rowOf = (db: Database.Database, where: string, ...params: unknown[]): Row =>
  db.prepare(`SELECT position, stream_id, version, type, data, metadata FROM events WHERE ${where}`).get(...params) as Row;

const setMetadata = (db: Database.Database, row: Row, edit: (m: EventMetadata) => EventMetadata): void => {
  db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(edit(JSON.parse(row.metadata) as EventMetadata)), row.position);
};

/**
 * Appends `event` to the stream whose last row is `last`, sealed on that row's hash (a chain
 * that checks out), at the next position, with the position counter raised to match: an
 * event written behind the ledger's back by someone who knows the documented hash. Returns
 * its position.
 */
const appendForged = (db: Database.Database, last: Row, event: { eventId: string; type: string; data: unknown; occurredOn: string; recordedAt: string }): number => {
  const [forged] = sealEvents((JSON.parse(last.metadata) as EventMetadata).hash, [
    { eventId: event.eventId, type: event.type, data: event.data, metadata: { occurredOn: event.occurredOn, recordedAt: event.recordedAt, actor: 'intruder', schemaVersion: 1 } },
  ]);
  if (!forged) throw new Error('nothing sealed');
  const position = (db.prepare('SELECT max(position) FROM events').pluck().get() as number) + 1;
  db.prepare('INSERT INTO events (position, stream_id, version, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(position, last.stream_id, last.version + 1, forged.eventId, forged.type, JSON.stringify(forged.data), JSON.stringify(forged.metadata));
  db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'").run(position);
  return position;
};

const swapPositions = (db: Database.Database, a: number, b: number): void => {
  const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
  db.transaction(() => {
    move.run(-1, a);
    move.run(a, b);
    move.run(b, -1);
  })();
};

const countEvents = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
};

const run = (path: string, ...args: string[]): CliRun => hearth(['--store', `sqlite:${path}`, ...args]);

/** No stack trace, never the exit code of an unexpected error. */
const expectNoCrash = (r: CliRun): void => {
  expect(r.code).not.toBe(1);
  expect(r.code).not.toBeNull();
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/unexpected error|SyntaxError|TypeError/);
};

const verify = (path: string): { code: number | null; anomalies: Finding[] } => {
  const r = run(path, '--json', 'verify');
  expectNoCrash(r);
  return { code: r.code, anomalies: r.code === 0 || r.code === 5 ? (JSON.parse(r.stdout) as { anomalies: Finding[] }).anomalies : [] };
};

/** rebuild then a report: either figures (exit 0) or one clear line naming the damaged position (exit 5). */
const readSide = (path: string): { rebuild: CliRun; report: CliRun } => {
  const rebuild = run(path, 'rebuild');
  expectNoCrash(rebuild);
  const report = run(path, 'report', 'backlog', '--as-of', '2018-03-01');
  expectNoCrash(report);
  return { rebuild, report };
};

describe('tampering with a SQLite store, seen by the real executable', () => {
  it('the untouched fixture verifies and reports', () => {
    expect(verify(base)).toEqual({ code: 0, anomalies: [] });
    const { rebuild, report } = readSide(tampered(() => undefined));
    expect([rebuild.code, report.code]).toEqual([0, 0]);
  });

  it('edited data: a hash break at that event', () => {
    let row!: Row;
    const path = tampered((db) => {
      row = rowOf(db, "type = 'MemberEmployed' AND stream_id = 'household-hh-001'");
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(row.data.replace('2600', '9600'), row.position);
    });
    expect(verify(path).anomalies).toContainEqual(expect.objectContaining({ householdId: 'hh-001', position: row.position, kind: 'hash-break' }));
    readSide(path);
  });

  it('edited note: a hash break at that event', () => {
    let row!: Row;
    const path = tampered((db) => {
      row = rowOf(db, "type = 'MemberEmployed' AND stream_id = 'household-hh-002'");
      setMetadata(db, row, (m) => ({ ...m, note: 'nothing to see here' }));
    });
    expect(verify(path)).toEqual({ code: 5, anomalies: [expect.objectContaining({ householdId: 'hh-002', position: row.position, kind: 'hash-break' })] });
    readSide(path);
  });

  it('edited recording time: a hash break at that event', () => {
    let row!: Row;
    const path = tampered((db) => {
      row = rowOf(db, "stream_id = 'household-hh-002' AND version = 3");
      setMetadata(db, row, (m) => ({ ...m, recordedAt: '2026-01-06T09:00:00.001Z' }));
    });
    expect(verify(path)).toEqual({ code: 5, anomalies: [expect.objectContaining({ householdId: 'hh-002', position: row.position, kind: 'hash-break' })] });
    readSide(path);
  });

  it('edited type (to a type that does not exist): named by verify; the read side refuses in one line', () => {
    let row!: Row;
    const path = tampered((db) => {
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
    const path = tampered((db) => {
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
    const more = writeLines(join(dir, 'more.jsonl'), ['{"type": "RecordFollowUp", "householdId": "hh-002", "on": "2017-02-01", "visitId": "v-9", "findings": "at home", "stillEmployed": false, "laborConcerns": [], "actor": "caseworker-3"}']);
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
    const path = tampered(() => undefined);
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

  it('a deleted event in the middle of a stream: the gap and the broken link', () => {
    let row!: Row;
    const path = tampered((db) => {
      row = rowOf(db, "stream_id = 'household-hh-001' AND version = 5");
      db.prepare('DELETE FROM events WHERE position = ?').run(row.position);
    });
    const { code, anomalies } = verify(path);
    expect(code).toBe(5);
    expect(anomalies).toContainEqual(expect.objectContaining({ position: row.position, kind: 'position-gap' }));
    expect(anomalies).toContainEqual(expect.objectContaining({ householdId: 'hh-001', kind: 'hash-break' }));
    readSide(path);
  });

  it('the deleted last event of the whole log', () => {
    let last!: number;
    const path = tampered((db) => {
      last = db.prepare('SELECT max(position) FROM events').pluck().get() as number;
      db.prepare('DELETE FROM events WHERE position = ?').run(last);
    });
    expect(verify(path)).toEqual({ code: 5, anomalies: [expect.objectContaining({ position: last, kind: 'position-gap' })] });
    readSide(path);
  });

  it('the last events of the log deleted after the read models were built, the counter lowered too: verify --read-models says the log lost them', () => {
    // Plain verify cannot see this one (its --help says so); read models built before it still count those events.
    const path = tampered(() => undefined);
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
    const path = tampered((db) => {
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
    const path = tampered((db) => {
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

  it('a business date that is no date, or a recording time that is no time, hashes recomputed: invalid-event, where the read side refuses the first', () => {
    const rewritten = (edit: (m: EventMetadata) => EventMetadata): { path: string; row: Row } => {
      let row!: Row;
      const path = tampered((db) => {
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

  it('a stored division tree edited into one that is no tree: every command names the event in one line, exit 5 (decision 13)', () => {
    let row!: Row;
    const path = tampered((db) => {
      row = rowOf(db, "stream_id = 'divisions' AND version = 0");
      const tree = JSON.parse(row.data) as { divisions: { code: string; parentCode: string | null }[] };
      // A village under a township no tree holds: still a DivisionTreeRecorded by its shape.
      const village = tree.divisions.find((d) => d.code === 'P01C01T01V01');
      if (!village) throw new Error('no P01C01T01V01 in the example tree');
      village.parentCode = 'P01C01T99';
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(tree), row.position);
    });
    for (const args of [['verify'], ['--json', 'verify'], ['history', 'hh-001'], ['report', 'backlog', '--as-of', '2018-03-01']]) {
      const r = run(path, ...args);
      expectNoCrash(r);
      // Not exit 2, "cannot open store": the store opens; what it holds was edited.
      expect(r.code).toBe(5);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`position ${row.position}\\b.*divisions.*not a valid division tree.*P01C01T99.*hearth verify`))]);
    }
  });

  it('a division tree appended behind the Decider\'s back that drops a village where an open household still is: an anomaly', () => {
    // The ledger refuses such a tree, or moves the household with it (decision 15); forged here with a correct chain.
    const path = tampered((db) => {
      const tree = rowOf(db, "stream_id = 'divisions' AND version = (SELECT max(version) FROM events WHERE stream_id = 'divisions')");
      const { divisions } = JSON.parse(tree.data) as { divisions: { code: string }[] };
      appendForged(db, tree, { eventId: '01a24556-f6ae-7000-908e-b13ac6510bff', type: 'DivisionTreeRecorded', data: { divisions: divisions.filter((d) => d.code !== 'P01C01T01V01') }, occurredOn: '2026-01-06', recordedAt: '2026-01-06T10:00:00.000Z' });
    });
    const { code, anomalies } = verify(path);
    expect(code).toBe(5);
    // hh-001 (registered in P01C01T01V01) has no event after the tree: no replay of its own meets it.
    expect(anomalies).toEqual([expect.objectContaining({ householdId: 'hh-001', kind: 'stranded-household', detail: expect.stringContaining('P01C01T01V01') })]);
    readSide(path);
  });

  it('a division tree appended behind the ledger\'s back that moves a township under another county: an anomaly, not figures of the past re-rolled in silence', () => {
    // divisions load refuses it: a code keeps its place for ever (decision 15), so that reports of earlier periods stand.
    let position!: number;
    const path = tampered((db) => {
      const tree = rowOf(db, "stream_id = 'divisions' AND version = (SELECT max(version) FROM events WHERE stream_id = 'divisions')");
      const { divisions } = JSON.parse(tree.data) as { divisions: { code: string; name: string; parentCode: string | null; level: string }[] };
      const moved = [...divisions.map((d) => (d.code === 'P01C01T01' ? { ...d, parentCode: 'P01C02' } : d)), { code: 'P01C02', name: 'Forged County', parentCode: 'P01', level: 'county' }];
      position = appendForged(db, tree, { eventId: '01a24556-f6ae-7000-908e-b13ac6510c01', type: 'DivisionTreeRecorded', data: { divisions: moved }, occurredOn: '2026-01-06', recordedAt: '2026-01-06T10:00:00.000Z' });
    });
    expect(verify(path)).toEqual({ code: 5, anomalies: [expect.objectContaining({ householdId: 'divisions', position, kind: 'rejected', detail: expect.stringContaining('P01C01T01') })] });
    readSide(path);
  });

  it('a clearance appended behind the Decider\'s back, chain recomputed: verify and the household\'s own history name it', () => {
    const path = tampered((db) => {
      const last = rowOf(db, "stream_id = 'household-hh-001' AND version = (SELECT max(version) FROM events WHERE stream_id = 'household-hh-001')");
      appendForged(db, last, { eventId: '01a24556-f6ae-7000-908e-b13ac6510c00', type: 'HouseholdCleared', data: { activeEmploymentIds: ['no-such-job'] }, occurredOn: '2025-12-31', recordedAt: '2026-01-07T10:00:00.000Z' });
    });
    const found = verify(path);
    expect(found).toEqual({ code: 5, anomalies: [expect.objectContaining({ householdId: 'hh-001', kind: 'rejected' })] });
    // Every hash of the timeline matches; the history said nothing else before it replayed the stream.
    const json = run(path, '--json', 'history', 'hh-001');
    expect(json.code).toBe(0);
    const timeline = JSON.parse(json.stdout) as { events: { hashOk: boolean }[]; anomalies: Finding[] };
    expect(timeline.events.every((e) => e.hashOk)).toBe(true);
    expect(timeline.anomalies).toEqual(found.anomalies);
    const text = run(path, 'history', 'hh-001');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`1 anomaly in the stream[^\\n]*\\n[\\s\\S]*${found.anomalies[0]?.position}\\s+rejected`));
    expect(run(base, 'history', 'hh-001').stdout).toMatch(/Every event of the stream replays through the rules/);
  });

  it('a consistent rewrite of a stream\'s last event passes, and --help says that only an anchor shows it', () => {
    const path = tampered((db) => {
      const row = rowOf(db, "stream_id = 'household-hh-001' AND version = (SELECT max(version) FROM events WHERE stream_id = 'household-hh-001')");
      const m = JSON.parse(row.metadata) as EventMetadata;
      const forged = { ...m, note: 'rewritten with the hashes recomputed' };
      const hash = eventHash(m.prevHash, { eventId: (db.prepare('SELECT event_id FROM events WHERE position = ?').pluck().get(row.position) as string), type: row.type, data: JSON.parse(row.data), metadata: forged });
      setMetadata(db, row, () => ({ ...forged, hash }));
    });
    expect(verify(path)).toEqual({ code: 0, anomalies: [] });
    const help = hearth(['verify', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/recomputes? (the|every) hash/);
    expect(help.stdout).toMatch(/hearth anchor/);
    readSide(path);
  });
});
