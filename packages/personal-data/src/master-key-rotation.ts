import type Database from 'better-sqlite3';
import { unwrapDataKey, wrapDataKey } from './household-key';
import { writeKeyCheck } from './key-check';
import type { PersonalDataStatements } from './personal-data-statements';

/**
 * A rotation's work, run inside its transaction: every household key unwrapped under
 * `current` and wrapped under `next` (records are not touched: envelope encryption), and the
 * key check sealed under `next`, so the file then opens under `next` only. Returns how many
 * household keys were re-wrapped.
 */
export const rewrapHouseholdKeys = (db: Database.Database, sql: Pick<PersonalDataStatements, 'allKeys' | 'rewrapKey'>, current: Buffer, next: Buffer): number => {
  let householdKeys = 0;
  for (const row of sql.allKeys.all()) {
    const dataKey = unwrapDataKey(current, row.household_id, row.wrapped_key);
    try {
      sql.rewrapKey.run(wrapDataKey(next, row.household_id, dataKey), row.household_id);
      householdKeys += 1;
    } finally {
      dataKey.fill(0);
    }
  }
  writeKeyCheck(db, next);
  return householdKeys;
};
