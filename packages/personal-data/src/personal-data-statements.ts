import type Database from 'better-sqlite3';

type Statement<P extends unknown[], R = unknown> = Database.Statement<P, R>;

/** Every statement the personal-data store runs, prepared once per open file. */
export interface PersonalDataStatements {
  readonly wrappedKey: Statement<[string], Buffer>;
  readonly insertKey: Statement<[string, Buffer]>;
  readonly allKeys: Statement<[], { household_id: string; wrapped_key: Buffer }>;
  readonly rewrapKey: Statement<[Buffer, string]>;
  readonly deleteKey: Statement<[string]>;
  readonly record: Statement<[string, string], Buffer>;
  readonly records: Statement<[string], { member_id: string; ciphertext: Buffer }>;
  readonly upsertRecord: Statement<[string, string, Buffer]>;
  readonly members: Statement<[string], string>;
  readonly deleteRecord: Statement<[string, string]>;
  readonly deleteRecords: Statement<[string]>;
  readonly erasedAt: Statement<[string], string>;
  readonly insertTombstone: Statement<[string, string]>;
}

export const prepareStatements = (db: Database.Database): PersonalDataStatements => ({
  wrappedKey: db.prepare<[string], Buffer>(`SELECT wrapped_key FROM household_keys WHERE household_id = ?`).pluck(),
  insertKey: db.prepare<[string, Buffer]>(`INSERT INTO household_keys (household_id, wrapped_key) VALUES (?, ?)`),
  allKeys: db.prepare<[], { household_id: string; wrapped_key: Buffer }>(`SELECT household_id, wrapped_key FROM household_keys`),
  rewrapKey: db.prepare<[Buffer, string]>(`UPDATE household_keys SET wrapped_key = ? WHERE household_id = ?`),
  deleteKey: db.prepare<[string]>(`DELETE FROM household_keys WHERE household_id = ?`),
  record: db.prepare<[string, string], Buffer>(`SELECT ciphertext FROM member_records WHERE household_id = ? AND member_id = ?`).pluck(),
  records: db.prepare<[string], { member_id: string; ciphertext: Buffer }>(
    `SELECT member_id, ciphertext FROM member_records WHERE household_id = ? ORDER BY member_id`,
  ),
  upsertRecord: db.prepare<[string, string, Buffer]>(
    `INSERT INTO member_records (household_id, member_id, ciphertext) VALUES (?, ?, ?)
     ON CONFLICT (household_id, member_id) DO UPDATE SET ciphertext = excluded.ciphertext`,
  ),
  members: db.prepare<[string], string>(`SELECT member_id FROM member_records WHERE household_id = ? ORDER BY member_id`).pluck(),
  deleteRecord: db.prepare<[string, string]>(`DELETE FROM member_records WHERE household_id = ? AND member_id = ?`),
  deleteRecords: db.prepare<[string]>(`DELETE FROM member_records WHERE household_id = ?`),
  erasedAt: db.prepare<[string], string>(`SELECT erased_at FROM erased_households WHERE household_id = ?`).pluck(),
  insertTombstone: db.prepare<[string, string]>(`INSERT INTO erased_households (household_id, erased_at) VALUES (?, ?)`),
});
