import Database from 'better-sqlite3';

/**
 * Every projection's checkpoint position in a file of read models (the store's own, or one
 * of their own), by projection name: for tests of what an interrupted catch-up or rebuild
 * leaves (all at one position, short of the head or at it). Opens the file read-only.
 */
export const checkpointPositions = (file: string): number[] => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], number>('SELECT position FROM projection_checkpoints ORDER BY name').pluck().all();
  } finally {
    db.close();
  }
};
