import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openEventStore, type EventMetadata, type EventToAppend } from '@hearth/event-store';
import * as testing from '@hearth/event-store/testing';
import { EXAMPLES, exampleLog, hearth, tempDir, writeLines } from './support/cli';

interface StoredRow {
  position: number;
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}

/** Every event of a SQLite store as stored, in log order. */
const rowsOf = (path: string): StoredRow[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare('SELECT position, stream_id AS streamId, version, event_id AS eventId, type, data, metadata FROM events ORDER BY position')
      .all() as StoredRow[];
  } finally {
    db.close();
  }
};

/** A source store holding the example's tree and `households` copies of its journey; its path. */
const exampleSource = (dir: string, households: number): string => {
  const path = join(dir, 'source.db');
  expect(hearth(['--store', `sqlite:${path}`, 'divisions', 'load', '--on', '2016-01-01', join(EXAMPLES, 'divisions.json')]).code).toBe(0);
  expect(hearth(['--store', `sqlite:${path}`, 'import', '--quiet', writeLines(join(dir, 'log.jsonl'), exampleLog(households))]).code).toBe(3); // the example's deliberate mistakes
  return path;
};

/** Appends `events` to a new stream `streamId` of the SQLite store at `path`, through the port, as another writer would. */
const appendTo = async (path: string, streamId: string, events: readonly EventToAppend[]): Promise<void> => {
  const store = await openEventStore(`sqlite:${path}`);
  try {
    await store.appendToStream(streamId, events, 'no_stream');
  } finally {
    await store.close();
  }
};

/** A stored event as it is appended again: the same id, type, data and metadata. */
const again = (row: StoredRow): EventToAppend => ({ eventId: row.eventId, type: row.type, data: JSON.parse(row.data) as unknown, metadata: JSON.parse(row.metadata) as EventMetadata });

describe('hearth migrate into a target that is not empty', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  // Checked only after the copy, another store's target got the whole source appended beside its own stream (decision 212).
  it('refuses a target holding a stream the source does not, naming it, and writes nothing into it (exit 5)', async () => {
    const from = exampleSource(dir, 1);
    const to = join(dir, 'other.db');
    await appendTo(to, 'household-Q0000150', testing.testEvents(3));
    const before = rowsOf(to);

    const r = hearth(['migrate', '--from', `sqlite:${from}`, '--to', `sqlite:${to}`, '--quiet']);

    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 5, stdout: '' });
    expect(r.stderr).toMatch(/stream household-Q0000150 is on the target only: the source has no such stream, so the target is neither empty nor an earlier run of this migration and the copy did not start; nothing was overwritten/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(rowsOf(to)).toEqual(before);
  }, 60_000);

  // It said "the migration stopped … run the same command again" (exit 6), and every run met the same id again.
  it('stops at an event id the target holds in another stream, saying so in one line, the same on every run (exit 5)', async () => {
    const from = exampleSource(dir, 60);
    const source = rowsOf(from);
    // A stream of the source first written after the first page (1,000 events) of its log, holding on the
    // target the first event of a stream of that page: the page's append meets the id before the stream is compared.
    const late = source.find((e) => e.position > 1000 && e.version === 0 && e.streamId.startsWith('household-')) as StoredRow;
    const early = source.find((e) => e.version === 0 && e.streamId.startsWith('household-')) as StoredRow;
    expect(early.position).toBeLessThan(1000);
    const to = join(dir, 'target.db');
    await appendTo(to, late.streamId, [again(early)]);
    const before = rowsOf(to);

    for (const run of [1, 2]) {
      const r = hearth(['migrate', '--from', `sqlite:${from}`, '--to', `sqlite:${to}`, '--quiet']);
      expect({ run, code: r.code, stdout: r.stdout }).toEqual({ run, code: 5, stdout: '' });
      expect(r.stderr.trim()).toBe(
        `hearth: the migration stopped: event id ${early.eventId} is stored twice — already on the target in another stream, or twice in the source (KurrentDB does not refuse that) — and nothing was overwritten. Migrate to an empty store, or find out who wrote that event on sqlite:${to} or on the source`,
      );
    }
    expect(rowsOf(to)).toEqual(before);
  }, 120_000);
});

describe('hearth migrate between two URLs of one KurrentDB server', () => {
  // Refused before either is opened: no server is needed. It was copied onto itself and reported a success.
  it.each([
    ['kurrentdb://127.0.0.1:2113?tls=false', 'esdb://127.0.0.1:2113?tls=false'],
    ['esdb://127.0.0.1:2113?tls=false', 'KurrentDB://127.0.0.1:2113/?tls=false&defaultDeadline=5000'],
    ['kurrentdb://localhost:2113?tls=false', 'kurrentdb://admin:changeit@LOCALHOST?tls=false'],
    ['kurrentdb://10.0.0.1:2113,10.0.0.2:2113?tls=false', 'esdb+discover://10.0.0.2:2113?tls=false'],
  ])('refuses %s and %s as the same store (exit 2)', (from, to) => {
    const r = hearth(['migrate', '--from', from, '--to', to]);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
    expect(r.stderr).toContain('--from and --to name the same store');
  });

  it('takes two servers (another port) for two stores: here the source is not running (exit 6)', () => {
    const r = hearth(['migrate', '--from', 'kurrentdb://127.0.0.1:1?tls=false&defaultDeadline=2000', '--to', 'esdb://127.0.0.1:2?tls=false']);
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/cannot be reached: nothing listens on 127\.0\.0\.1:1/);
  }, 60_000);
});
