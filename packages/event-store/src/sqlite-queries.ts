/**
 * Every statement the SQLite adapter runs, in one place so that a test can check
 * their query plans (no full scans) against the real schema.
 */
const COLUMNS = 'position, stream_id, version, event_id, type, data, metadata';
const FEED_COLUMNS = 'position, stream_id, version, event_id, type, data, CASE WHEN json_valid(metadata) THEN metadata END';

export const SQLITE_QUERIES = {
  insertEvent: 'INSERT INTO events (stream_id, version, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  streamVersion: 'SELECT max(version) FROM events WHERE stream_id = ?',
  positionOfVersion: 'SELECT position FROM events WHERE stream_id = ? AND version = ?',
  /**
   * A whole stream, or its tail (a command handler catching up a cached fold): no LIMIT,
   * because the same empty read measured ~11 µs of CPU with a bound `LIMIT ?` and ~4 µs
   * without, and most reads want no limit.
   */
  readStream: `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND version >= ? ORDER BY version`,
  readStreamLimited: `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND version >= ? ORDER BY version LIMIT ?`,
  headPosition: 'SELECT max(position) FROM events',
  /** LIMIT -1 means no limit in SQLite. */
  readAll: `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
  /** Types arrive as one JSON array parameter, so a single prepared statement serves any number of them. */
  readAllOfTypes: `SELECT ${COLUMNS} FROM events
    WHERE position > ? AND type IN (SELECT value FROM json_each(?))
    ORDER BY position LIMIT ?`,
  /**
   * `readAll` for a reader that takes only what a feed event holds (sqlite-feed-rows.ts):
   * the metadata only when it is JSON (`json_valid`: RFC 8259 text, as `JSON.parse` reads
   * it), for the reader to take its date from; NULL otherwise, and the reader reads the row
   * whole (`eventAt`) to say why (docs/decisions/0097).
   */
  readFeed: `SELECT ${FEED_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
  readFeedOfTypes: `SELECT ${FEED_COLUMNS} FROM events
    WHERE position > ? AND type IN (SELECT value FROM json_each(?))
    ORDER BY position LIMIT ?`,
  /**
   * The feed stream after stream (stream id, then version: the unique index's order) up to a
   * position, resuming after a stream's version: a rebuild reading a log written day by day
   * a household at a time (docs/decisions/0119).
   */
  readFeedByStream: `SELECT ${FEED_COLUMNS} FROM events
    WHERE (stream_id, version) > (?, ?) AND position <= ?
    ORDER BY stream_id, version LIMIT ?`,
  eventAt: `SELECT ${COLUMNS} FROM events WHERE position = ?`,
  /** AUTOINCREMENT's counter: the highest position ever handed out, kept when the row is gone. No row before the first insert. */
  highestIssued: `SELECT seq FROM sqlite_sequence WHERE name = 'events'`,
  /** The log's first event: min(position) is read off the rowid's B-tree, not a scan. */
  firstEventId: 'SELECT event_id FROM events WHERE position = (SELECT min(position) FROM events)',
} as const;

/**
 * A whole row of the log (`COLUMNS`), in better-sqlite3's raw mode: an array, so that no
 * object with named keys is built a row (a stream read whole spent about a sixth of its
 * time on them; docs/decisions/0109). Read by index through the names below, only by
 * sqlite-event-row.ts and `feedEventOfRow`.
 */
export type EventRow = [position: number, streamId: string, version: number, eventId: string, type: string, data: string, metadata: string];

/**
 * The columns of an EventRow, and of a FeedRow (the same order; its metadata may be null),
 * by name: the one home of that order in JavaScript, beside `COLUMNS` and `FEED_COLUMNS`.
 */
export const ROW = { position: 0, streamId: 1, version: 2, eventId: 3, type: 4, data: 5, metadata: 6 } as const;
