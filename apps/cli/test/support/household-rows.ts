import Database from 'better-sqlite3';

/** A household event as two imports of one file must both leave it: what differs between runs (ids, positions, recording times) left out. */
export interface HouseholdRow {
  readonly stream_id: string;
  readonly version: number;
  readonly type: string;
  readonly data: string;
  readonly occurredOn: string;
  readonly commandId: string | null;
}

const read = <T>(path: string, query: (db: Database.Database) => T): T => {
  const db = new Database(path, { readonly: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
};

/** The household streams' events of a SQLite store file, stream by stream, in version order. */
export const householdRows = (path: string): HouseholdRow[] =>
  read(path, (db) =>
    db
      .prepare(
        `SELECT stream_id, version, type, data,
                json_extract(metadata, '$.occurredOn') AS occurredOn, json_extract(metadata, '$.commandId') AS commandId
           FROM events WHERE stream_id LIKE 'household-%' ORDER BY stream_id, version`,
      )
      .all() as HouseholdRow[],
  );

/** Every event of the store file, of any stream: what a refused run must leave as it was. */
export const eventCount = (path: string): number => read(path, (db) => (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n);
