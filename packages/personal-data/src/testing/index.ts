/**
 * `@hearth/personal-data/testing`: what a test needs to prove an erasure — the secrets to
 * look for in every byte on disk. Never for production code: it reads a household's key.
 */
import Database from 'better-sqlite3';
import { unwrapDataKey } from '../household-key';

/**
 * The household's wrapped key as stored, and its data key unwrapped with the master key,
 * read over a short-lived read-only connection (closed before returning, so it holds no
 * snapshot that would keep a later erasure from emptying the WAL). Undefined once erased.
 */
export const householdKeyOf = (path: string, masterKey: Buffer, householdId: string): { wrapped: Buffer; dataKey: Buffer } | undefined => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const wrapped = db.prepare<[string], Buffer>('SELECT wrapped_key FROM household_keys WHERE household_id = ?').pluck().get(householdId);
    return wrapped === undefined ? undefined : { wrapped, dataKey: unwrapDataKey(masterKey, householdId, wrapped) };
  } finally {
    db.close();
  }
};
