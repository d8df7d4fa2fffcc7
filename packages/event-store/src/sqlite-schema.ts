import type Database from 'better-sqlite3';

/**
 * The event store's schema, as numbered migrations recorded in `event_store_schema`.
 * The table name is specific to this package because the projections package keeps
 * its own tables (and its own migrations) in the same database file.
 */
interface Migration {
  version: number;
  sql: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE events (
        -- AUTOINCREMENT: a position is never handed out twice, even if the tail row were ever
        -- removed by hand, so a reader's checkpoint can never come to mean a different event.
        position  INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_id TEXT    NOT NULL,
        version   INTEGER NOT NULL,
        event_id  TEXT    NOT NULL UNIQUE,
        type      TEXT    NOT NULL,
        data      TEXT    NOT NULL,
        metadata  TEXT    NOT NULL,
        -- Backs both optimistic concurrency and reading a stream in order.
        UNIQUE (stream_id, version)
      );
      -- Projections follow $all filtered by type; this lets them skip what they do not handle.
      CREATE INDEX events_type_position ON events (type, position);
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export class UnsupportedSchemaVersionError extends Error {
  constructor(readonly found: number) {
    super(
      `event store schema version ${found} is newer than this code supports (${LATEST_SCHEMA_VERSION}); upgrade @hearth/event-store`,
    );
    this.name = 'UnsupportedSchemaVersionError';
  }
}

/** Brings the file up to date. Runs under a write lock, so two processes opening a new file do not race. */
export const migrate = (db: Database.Database): number => {
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS event_store_schema (
      version    INTEGER PRIMARY KEY,
      applied_at TEXT NOT NULL
    )`);
    const current = (db.prepare('SELECT max(version) FROM event_store_schema').pluck().get() as number | null) ?? 0;
    if (current > LATEST_SCHEMA_VERSION) throw new UnsupportedSchemaVersionError(current);
    const record = db.prepare(
      `INSERT INTO event_store_schema (version, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
    );
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version);
    }
  });
  run.immediate();
  return LATEST_SCHEMA_VERSION;
};
