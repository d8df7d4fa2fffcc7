import type Database from 'better-sqlite3';
import { resolve } from 'node:path';
import { assertDistinctEventIds, validateAppend } from './append-validation';
import { SubscriptionRegistry } from './subscription-registry';
import type { EventToAppend, RecordedEvent } from './envelope';
import type { FeedEvent } from './feed-event';
import type {
  AppendResult,
  EmbeddedReadModels,
  EventStore,
  ExpectedVersion,
  IssuedPositions,
  OnlineCopy,
  ReadAllOptions,
  ReadStreamOptions,
  StoredTextReads,
  StreamAppend,
  StreamOrderedFeed,
  SubscribeToAllOptions,
  Subscription,
  WriteSession,
} from './event-store';
import { normaliseAllRead, normaliseStreamRead } from './read-options';
import { SqliteAppendWriter, type WrittenInTransaction } from './sqlite-append-writer';
import { SQLITE_QUERIES, type EventRow } from './sqlite-queries';
import { sessionInsertStatements } from './sqlite-session-rows';
import { runWriteSession, type SqliteSessionConnection } from './sqlite-write-session';
import { toRecordedEvent, toStoredStream } from './sqlite-event-row';
import { toFeedEvents, type FeedRow } from './sqlite-feed-rows';
import { openSqliteConnection } from './sqlite-connection';
import { sqliteOnlineCopy } from './sqlite-online-copy';

export interface SqliteEventStoreOptions {
  /**
   * How often an idle subscription re-reads the log to see appends made by *other*
   * connections (another process, another store instance on the same file). Appends
   * through this instance wake its subscriptions at once. Default 200 ms.
   */
  pollIntervalMs?: number;
  /** How long a writer waits for another connection's write lock before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Events read per round trip by a catching-up subscription. Default 500. */
  subscriptionPageSize?: number;
}

const MEMORY = ':memory:';

/**
 * The embedded adapter: one SQLite file, one `events` table, global position = rowid.
 *
 * better-sqlite3 is synchronous; the async port is honoured by running each call to
 * completion inside its promise. Every append (single or batch) is one
 * `BEGIN IMMEDIATE` transaction: the write lock is taken before the expected version is
 * read, so the check and the insert see the same state even with other connections on
 * the file (a deferred transaction would fail with SQLITE_BUSY on lock upgrade instead
 * of waiting for busy_timeout).
 */
export class SqliteEventStore implements EventStore {
  private readonly statements;
  private readonly appends: SqliteAppendWriter;
  private readonly appendInTransaction;
  private readonly appendOneInTransaction;
  /** What a write session's transaction uses of this connection (sqlite-write-session.ts). */
  private readonly sessionConnection: SqliteSessionConnection;
  private readonly subscriptions: SubscriptionRegistry;
  private closed = false;
  /** Settles when the open write session ends; undefined when none is open. */
  private session: Promise<void> | undefined;
  /** Every batch is one transaction. */
  readonly atomicBatches = true;

  private constructor(
    private readonly database: Database.Database,
    opts: SqliteEventStoreOptions,
    isMemory: boolean,
    walAutocheckpoint: number,
  ) {
    this.subscriptions = new SubscriptionRegistry({
      readAll: (read) => this.readAll(read),
      pageSize: opts.subscriptionPageSize ?? 500,
      // Nobody else can write to a private in-memory database, so there is nothing to poll for.
      ...(isMemory ? {} : { pollIntervalMs: opts.pollIntervalMs ?? 200 }),
    });
    this.statements = {
      // Whole rows as arrays (EventRow), read by index in sqlite-event-row.ts.
      readStream: database.prepare<[string, number], EventRow>(SQLITE_QUERIES.readStream).raw(true),
      readStreamLimited: database.prepare<[string, number, number], EventRow>(SQLITE_QUERIES.readStreamLimited).raw(true),
      headPosition: database.prepare<[], number | null>(SQLITE_QUERIES.headPosition).pluck(),
      readAll: database.prepare<[number, number], EventRow>(SQLITE_QUERIES.readAll).raw(true),
      readAllOfTypes: database.prepare<[number, string, number], EventRow>(SQLITE_QUERIES.readAllOfTypes).raw(true),
      readFeed: database.prepare<[number, number], FeedRow>(SQLITE_QUERIES.readFeed).raw(true),
      readFeedOfTypes: database.prepare<[number, string, number], FeedRow>(SQLITE_QUERIES.readFeedOfTypes).raw(true),
      eventAt: database.prepare<[number], EventRow>(SQLITE_QUERIES.eventAt).raw(true),
      readFeedByStream: database.prepare<[string, number, number, number], FeedRow>(SQLITE_QUERIES.readFeedByStream).raw(true),
      highestIssued: database.prepare<[], number>(SQLITE_QUERIES.highestIssued).pluck(),
      begin: database.prepare('BEGIN IMMEDIATE'),
      commit: database.prepare('COMMIT'),
      rollback: database.prepare('ROLLBACK'),
    };
    this.appends = new SqliteAppendWriter(
      database.prepare(SQLITE_QUERIES.insertEvent),
      database.prepare<[string], number | null>(SQLITE_QUERIES.streamVersion).pluck(),
      database.prepare<[string, number], number>(SQLITE_QUERIES.positionOfVersion).pluck(),
    );
    this.appendInTransaction = database.transaction((appends: readonly StreamAppend[]) => {
      const written: WrittenInTransaction = new Map();
      return appends.map((a) => this.appends.write(a, written));
    });
    this.appendOneInTransaction = database.transaction((append: StreamAppend) => this.appends.write(append));
    const { highestIssued, headPosition, begin, commit, rollback } = this.statements;
    this.sessionConnection = {
      database,
      statements: { highestIssued, headPosition, begin, commit, rollback, insertRows: sessionInsertStatements(database) },
      appends: this.appends,
      walAutocheckpoint,
      assertOpen: () => this.assertOpen(),
      readStream: (streamId, opts) => this.readStreamNow(streamId, opts),
    };
  }

  /**
   * Opens (creating and migrating if needed) the database at `path`, or a private
   * in-memory database for `':memory:'`: its connection's settings are sqlite-connection.ts's.
   */
  static open(path: string, opts: SqliteEventStoreOptions = {}): SqliteEventStore {
    const { database, walAutocheckpoint } = openSqliteConnection(path, opts.busyTimeoutMs ?? 5000);
    try {
      return new SqliteEventStore(database, opts, path === MEMORY || path === '', walAutocheckpoint);
    } catch (error) {
      database.close();
      throw error;
    }
  }

  readonly issuedPositions: IssuedPositions = {
    highest: async () => {
      if (this.session !== undefined) await this.sessionEnd();
      this.assertOpen();
      return this.statements.highestIssued.get() ?? 0;
    },
  };

  /** Every stream is stored as the text its seal wrote (sealed-text.ts); see StoredTextReads. */
  readonly storedText: StoredTextReads = {
    readStream: async (streamId) => {
      if (this.session !== undefined) await this.sessionEnd();
      this.assertOpen();
      return toStoredStream(this.statements.readStream.all(streamId, 0));
    },
  };

  /** Stream by stream through the index on (stream id, version): stream ids in SQLite's binary order (see StreamOrderedFeed). */
  readonly streamOrderedFeed: StreamOrderedFeed = {
    readFeedByStream: async ({ upTo, maxCount, after }) => {
      if (this.session !== undefined) await this.sessionEnd();
      this.assertOpen();
      const { maxCount: limit } = normaliseAllRead({ after: upTo, maxCount });
      // '' sorts before every stream id, and -1 before every version: from the first stream.
      const rows = this.statements.readFeedByStream.all(after?.streamId ?? '', after?.version ?? -1, upTo, sqlLimit(limit));
      return toFeedEvents(rows, (position) => this.statements.eventAt.get(position));
    },
  };

  /** The read models live in this database, beside the events (see EmbeddedReadModels). */
  get embeddedReadModels(): EmbeddedReadModels {
    return { database: this.database, ...(this.database.memory ? {} : { file: resolve(this.database.name) }) };
  }

  /** The file copied as one snapshot while it is written (sqlite-online-copy.ts); none in memory. */
  get onlineCopy(): OnlineCopy | undefined {
    return this.database.memory ? undefined : sqliteOnlineCopy(resolve(this.database.name), this.database.pragma('busy_timeout', { simple: true }) as number);
  }

  /**
   * The underlying connection, for packages that keep their tables in the same file
   * and need to write them in the same transactions (projections). Do not write to
   * `events` through it, and do not close it: call `close()` on the store.
   */
  get db(): Database.Database {
    return this.database;
  }

  /**
   * appendBatch of one append, without its batch: the command handlers append one
   * command's events at a time, in the same transaction and with the same checks.
   */
  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    if (this.session !== undefined) await this.sessionEnd();
    this.assertOpen();
    validateAppend(streamId, events, expected);
    if (events.length > 1) assertDistinctEventIds(events);
    const append: StreamAppend = { streamId, expectedVersion: expected, events };
    const result = this.appendOneInTransaction.immediate(append);
    this.subscriptions.appendedOne(append);
    return result;
  }

  async appendBatch(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (this.session !== undefined) await this.sessionEnd();
    this.assertOpen();
    for (const a of appends) validateAppend(a.streamId, a.events, a.expectedVersion);
    assertDistinctEventIds(appends.flatMap((a) => a.events));
    const results = this.appendInTransaction.immediate(appends);
    this.subscriptions.appended(appends);
    return results;
  }

  async readStream(streamId: string, opts?: ReadStreamOptions): Promise<RecordedEvent[]> {
    if (this.session !== undefined) await this.sessionEnd();
    this.assertOpen();
    return this.readStreamNow(streamId, opts);
  }

  /**
   * One write transaction for `work` (EventStore.writeSession; sqlite-write-session.ts
   * runs it). Every other call on this instance waits for the session's end
   * (`sessionEnd`): on one connection anything run meanwhile would read the uncommitted
   * rows or become part of the transaction.
   */
  async writeSession<T>(work: (session: WriteSession) => Promise<T>): Promise<T> {
    // No await may come between finding no session open and claiming it, or two
    // sessions could both begin.
    while (this.session !== undefined) await this.session;
    this.assertOpen();
    let end!: () => void;
    this.session = new Promise((resolve) => (end = resolve));
    try {
      const { result, appendedEvents } = await runWriteSession(this.sessionConnection, work);
      if (appendedEvents) this.subscriptions.wakeAll();
      return result;
    } finally {
      this.session = undefined;
      end();
    }
  }

  private readStreamNow(streamId: string, opts?: ReadStreamOptions): RecordedEvent[] {
    const { fromVersion, maxCount } = normaliseStreamRead(opts);
    const rows = maxCount === Infinity ? this.statements.readStream.all(streamId, fromVersion) : this.statements.readStreamLimited.all(streamId, fromVersion, maxCount);
    return rows.map(toRecordedEvent);
  }

  /**
   * Waits until no write session is open (another may open meanwhile: waits again).
   * Callers test `this.session` first, so that a call made with no session open does not
   * pay a promise and a microtask for nothing (every single-command append passes here).
   */
  private async sessionEnd(): Promise<void> {
    while (this.session !== undefined) await this.session;
  }

  async streamVersion(streamId: string): Promise<number> {
    if (this.session !== undefined) await this.sessionEnd();
    this.assertOpen();
    return this.appends.versionOf(streamId);
  }

  async readAll(opts?: ReadAllOptions): Promise<RecordedEvent[]> {
    if (this.session !== undefined) await this.sessionEnd();
    return this.logRows(this.statements.readAll, this.statements.readAllOfTypes, opts).map(toRecordedEvent);
  }

  /** `readAll` as feed events, the metadata read for its date only (EventStore.readFeed, sqlite-feed-rows.ts). */
  async readFeed(opts?: ReadAllOptions): Promise<FeedEvent[]> {
    if (this.session !== undefined) await this.sessionEnd();
    return toFeedEvents(this.logRows(this.statements.readFeed, this.statements.readFeedOfTypes, opts), (position) => this.statements.eventAt.get(position));
  }

  /**
   * The log's rows a read of the whole log asks for (`readAll`, `readFeed`), by the statement for any type or the one
   * for some. Synchronous: its callers wait for a write session's end themselves, so that calls waiting on one resume
   * in the order they were made.
   */
  private logRows<R>(anyType: Database.Statement<[number, number], R>, ofTypes: Database.Statement<[number, string, number], R>, opts: ReadAllOptions | undefined): R[] {
    this.assertOpen();
    const { after, maxCount, types } = normaliseAllRead(opts);
    return types === undefined ? anyType.all(after, sqlLimit(maxCount)) : ofTypes.all(after, JSON.stringify(types), sqlLimit(maxCount));
  }

  async headPosition(): Promise<number> {
    if (this.session !== undefined) await this.sessionEnd();
    this.assertOpen();
    return this.statements.headPosition.get() ?? 0;
  }

  subscribeToAll(opts: SubscribeToAllOptions): Subscription {
    this.assertOpen();
    return this.subscriptions.open(opts);
  }

  async close(): Promise<void> {
    while (this.session !== undefined) await this.session;
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.closeAll();
    this.database.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SqliteEventStore is closed');
  }
}

const sqlLimit = (maxCount: number): number => (maxCount === Infinity ? -1 : maxCount);
