import Database from 'better-sqlite3';
import type { EventStore } from '@hearth/event-store';
import { openReadModelFile } from './read-model-file';

export interface ProjectionDatabase {
  readonly db: Database.Database;
  /** True when this package opened the connection and must close it. */
  readonly owned: boolean;
  /** Where the read models live, for messages: 'the store's database', a file path, or 'memory'. */
  readonly where: string;
  /** The file a connection of its own can open: read-only to read them (a worker thread's), or to rebuild them in one transaction (decisions 119, 120); absent in memory. */
  readonly file?: string;
}

/**
 * Where the read models live (docs/decisions/0058), in this order:
 * - `explicit`: a database handed over by the composition root (never closed here);
 * - `readModels` (`sqlite:PATH`): a file of their own, opened here and closed with them;
 *   any store can feed it, and several processes may each keep their own;
 * - the store's embedded read-model database (the port's `embeddedReadModels`, SQLite):
 *   the same file and connection, so a batch of read-model rows and its checkpoint
 *   commit in one transaction (exactly-once);
 * - else a private in-memory SQLite database (tests, demos), rebuilt from the log at each start.
 */
export const projectionDatabase = (store: EventStore, explicit?: Database.Database, readModels?: string): ProjectionDatabase => {
  if (explicit) return { db: explicit, owned: false, where: 'a database handed over by the caller' };
  if (readModels !== undefined) {
    const file = openReadModelFile(readModels);
    return { db: file.db, owned: true, where: file.path, file: file.path };
  }
  const embedded = store.embeddedReadModels;
  if (embedded) return { db: embedded.database, owned: false, where: "the store's database", ...(embedded.file !== undefined ? { file: embedded.file } : {}) };
  return { db: new Database(':memory:'), owned: true, where: 'memory' };
};
