import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DivisionTree } from '@hearth/domain';
import type { EventStore, SqliteEventStore, StreamOrderedFeed } from '@hearth/event-store';
import { interceptedStore } from '@hearth/event-store/testing';
import { openProjections } from '../../src';
import { projectionsFor } from '../../src/projections/all-projections';
import { policy, region } from './region';
import { tableRows } from './table-rows';

/** What the specs of builds stream by stream (rebuild-by-stream.spec.ts, stream-builds.spec.ts) compare and count. */
export const PROJECTIONS = projectionsFor(region);
const TABLES = [...PROJECTIONS.flatMap((p) => p.tables), 'projection_checkpoints'];

/** Every row of every projection's tables and the checkpoints, blobs as hex. */
export const tablesOf = (db: Database.Database): Record<string, unknown[]> => Object.fromEntries(TABLES.map((t) => [t, tableRows(db, t)]));

/** The tables the projections hold when they take the log one event a transaction, in position order: the oracle. */
export const eventByEvent = async (store: EventStore, divisions: DivisionTree = region): Promise<Record<string, unknown[]>> => {
  const db = new Database(':memory:');
  const p = openProjections(store, { policy, divisions, db, runner: { batchSize: 1, bulkBatchSize: 1 } });
  await p.runner.catchUp();
  const tables = tablesOf(db);
  await p.close();
  db.close();
  return tables;
};

/** A store whose stream-by-stream reads are counted (and, with `around`, wrapped). */
export const counted = (store: SqliteEventStore, around?: (read: StreamOrderedFeed['readFeedByStream'], call: number) => StreamOrderedFeed['readFeedByStream']) => {
  let calls = 0;
  const own = store.streamOrderedFeed;
  const wrapped: StreamOrderedFeed = {
    readFeedByStream: (opts) => {
      calls += 1;
      return (around ? around(own.readFeedByStream, calls) : own.readFeedByStream)(opts);
    },
  };
  return { store: interceptedStore(store, { streamOrderedFeed: wrapped }), calls: () => calls };
};

/** The tables of a read-models file, read on a connection of its own. */
export const fileTables = (path: string): Record<string, unknown[]> => {
  const db = new Database(path, { readonly: true });
  try {
    return tablesOf(db);
  } finally {
    db.close();
  }
};

/** A fresh temporary directory for each test of the `describe` this is called in. */
export const directoryEach = (prefix: string): (() => string) => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
};
