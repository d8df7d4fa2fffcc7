import Database from 'better-sqlite3';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { sealEvents, type EventMetadata } from '@hearth/event-store';
import { importCommands, Ledger } from '@hearth/ledger';
import { EXAMPLES, hearth, tempDir, writeLines, type CliRun } from './cli';

/**
 * What the tampering specs share: a real SQLite file holding the example journeys, fresh
 * copies of it edited with a plain SQLite connection (a hostile tester's edits), and the
 * real `hearth` executable's answers over them.
 */
export interface Row {
  position: number;
  stream_id: string;
  version: number;
  type: string;
  data: string;
  metadata: string;
}

export interface Finding {
  householdId: string;
  position: number;
  kind: string;
  detail: string;
}

const DAY_1 = '2026-01-05T09:00:00.000Z';
const DAY_2 = '2026-01-06T09:00:00.000Z';

export interface TamperedStores {
  /** The untouched fixture. */
  readonly base: string;
  /** The suite's temporary folder. */
  readonly dir: string;
  /** A fresh copy of the fixture, edited by `tamper`. */
  tampered(tamper: (db: Database.Database) => void): string;
}

/**
 * Registers the suite's set-up: the example journeys, hh-001 imported on day 1 and hh-002 on
 * day 2 (one clock value per import, as a short real import would have), through the library
 * the CLI runs.
 */
export const tamperedStores = (): TamperedStores => {
  let dir = '';
  let cleanup = (): void => undefined;
  let base = '';
  let copies = 0;
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
  return {
    get base() {
      return base;
    },
    get dir() {
      return dir;
    },
    tampered(tamper) {
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
    },
  };
};

export const rowOf = (db: Database.Database, where: string, ...params: unknown[]): Row =>
  db.prepare(`SELECT position, stream_id, version, type, data, metadata FROM events WHERE ${where}`).get(...params) as Row;

export const setMetadata = (db: Database.Database, row: Row, edit: (m: EventMetadata) => EventMetadata): void => {
  db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(edit(JSON.parse(row.metadata) as EventMetadata)), row.position);
};

/**
 * Appends `event` to the stream whose last row is `last`, sealed on that row's hash (a chain
 * that checks out), at the next position, with the position counter raised to match: an
 * event written behind the ledger's back by someone who knows the documented hash. Returns
 * its position.
 */
export const appendForged = (db: Database.Database, last: Row, event: { eventId: string; type: string; data: unknown; occurredOn: string; recordedAt: string }): number => {
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

export const swapPositions = (db: Database.Database, a: number, b: number): void => {
  const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
  db.transaction(() => {
    move.run(-1, a);
    move.run(a, b);
    move.run(b, -1);
  })();
};

export const countEvents = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
};

export const run = (path: string, ...args: string[]): CliRun => hearth(['--store', `sqlite:${path}`, ...args]);

/** No stack trace, never the exit code of an unexpected error. */
export const expectNoCrash = (r: CliRun): void => {
  expect(r.code).not.toBe(1);
  expect(r.code).not.toBeNull();
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/unexpected error|SyntaxError|TypeError/);
};

export const verify = (path: string): { code: number | null; anomalies: Finding[] } => {
  const r = run(path, '--json', 'verify');
  expectNoCrash(r);
  return { code: r.code, anomalies: r.code === 0 || r.code === 5 ? (JSON.parse(r.stdout) as { anomalies: Finding[] }).anomalies : [] };
};

/** rebuild then a report: either figures (exit 0) or one clear line naming the damaged position (exit 5). */
export const readSide = (path: string): { rebuild: CliRun; report: CliRun } => {
  const rebuild = run(path, 'rebuild');
  expectNoCrash(rebuild);
  const report = run(path, 'report', 'backlog', '--as-of', '2018-03-01');
  expectNoCrash(report);
  return { rebuild, report };
};
