import type Database from 'better-sqlite3';
import { PersonalDataError } from './errors';

/**
 * The store's own file and schema. Nothing here is in clear text but ids (the ledger's
 * pseudonyms) and erasure dates; no timestamps of writes are kept, since when a phone
 * number changed is itself personal data nobody asked for.
 */
const SCHEMA_VERSION = 2;

/** `PRAGMA application_id`: marks the file as a personal-data store ("HPD1"). */
export const APPLICATION_ID = 0x48504431;

const TABLES = ['personal_data_meta', 'household_keys', 'member_records', 'erased_households', 'access_log'];

/**
 * Who read, wrote, erased or re-keyed what, when and why — never a personal value. In
 * this file so that an access and its entry commit in one transaction (no access
 * without its entry); hash-chained (access-log.ts) and append-only: the triggers stop
 * a mistaken UPDATE or DELETE, the chain exposes a deliberate one made around them.
 */
const ACCESS_LOG_SQL = `
  CREATE TABLE access_log (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    household_id TEXT,
    member_id    TEXT,
    purpose      TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
  );
  CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
    BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
  CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
    BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
`;

const SCHEMA_SQL = `
  -- schema_version, and key_check: a constant sealed under the master key, so a wrong
  -- key is detected on open even when no household exists yet.
  CREATE TABLE personal_data_meta (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
  );
  -- One random 256-bit data key per household, stored only wrapped under the master key.
  -- Deleting the row is the crypto-shredding: without it the household's records are noise.
  CREATE TABLE household_keys (
    household_id TEXT PRIMARY KEY,
    wrapped_key  BLOB NOT NULL
  );
  CREATE TABLE member_records (
    household_id TEXT NOT NULL REFERENCES household_keys (household_id),
    member_id    TEXT NOT NULL,
    ciphertext   BLOB NOT NULL,
    PRIMARY KEY (household_id, member_id)
  );
  -- Tombstones: the household was erased on that date, and must not be written again.
  CREATE TABLE erased_households (
    household_id TEXT PRIMARY KEY,
    erased_at    TEXT NOT NULL
  );
${ACCESS_LOG_SQL}`;

const userTables = (db: Database.Database): string[] =>
  db
    .prepare<[], string>(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all();

/**
 * Creates the schema in an empty file, or checks that an existing file is ours. A file
 * holding any other table (the event store's `events`, read models) is refused: personal
 * data must never share a file, a backup or a copy with the ledger.
 */
export const prepareSchema = (db: Database.Database): 'created' | 'existing' => {
  const run = db.transaction((): 'created' | 'existing' => {
    const tables = userTables(db);
    if (tables.length === 0) {
      db.exec(SCHEMA_SQL);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.prepare(`INSERT INTO personal_data_meta (name, value) VALUES ('schema_version', ?)`).run(SCHEMA_VERSION);
      return 'created';
    }
    const foreign = tables.filter((t) => !TABLES.includes(t));
    if (foreign.length > 0 || db.pragma('application_id', { simple: true }) !== APPLICATION_ID) {
      throw new PersonalDataError(
        'NOT_A_PERSONAL_DATA_FILE',
        `this file is not a personal-data store${foreign.length > 0 ? ` (it holds ${foreign.join(', ')})` : ''}; give the store a file of its own`,
      );
    }
    let version = db.prepare(`SELECT value FROM personal_data_meta WHERE name = 'schema_version'`).pluck().get();
    // Version 1 had no access log; it gains an empty one (its past accesses were not recorded).
    if (version === 1) {
      db.exec(ACCESS_LOG_SQL);
      db.prepare(`UPDATE personal_data_meta SET value = ? WHERE name = 'schema_version'`).run(SCHEMA_VERSION);
      version = SCHEMA_VERSION;
    }
    if (version !== SCHEMA_VERSION) {
      throw new PersonalDataError(
        'UNSUPPORTED_SCHEMA_VERSION',
        `personal-data schema version ${String(version)} is not ${SCHEMA_VERSION}; upgrade @hearth/personal-data`,
      );
    }
    return 'existing';
  });
  return run.immediate();
};
