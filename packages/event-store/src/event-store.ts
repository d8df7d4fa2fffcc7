import type Database from 'better-sqlite3';
import type { AppendLimit } from './append-limit';
import type { EventToAppend, RecordedEvent } from './envelope';
import type { FeedEvent } from './feed-event';

/**
 * What the writer believes about the stream, checked atomically with the append
 * (EventStoreDB semantics):
 * - `'any'`: no check;
 * - `'no_stream'` (same as `-1`): the stream has no event yet;
 * - `'stream_exists'`: the stream has at least one event;
 * - a number `n >= 0`: the stream's last event has version `n` (0-based).
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** Version of the stream's last event after the append: the expected version for the next one. */
  nextExpectedVersion: number;
  /** Global position of the last event appended (for an empty append: of the stream's last event, 0 if none). */
  lastPosition: number;
}

export interface StreamAppend {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: readonly EventToAppend[];
}

export interface ReadStreamOptions {
  /** First stream version to return (default 0). */
  fromVersion?: number;
  /** Default: no limit. */
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive global position to read after (default 0: from the start). */
  after?: number;
  /**
   * Default: no limit. A read returns fewer than `maxCount` events only when no more
   * match (with `types` too, however far apart the matching events lie): a short page is
   * the end of the log as it stood at that read, and `logPages` stops on it (docs/decisions/0066).
   */
  maxCount?: number;
  /** Only these event types. Omitted: every type; `[]`: none. */
  types?: readonly string[];
}

export interface SubscribeToAllOptions {
  /** Exclusive global position to start after (default 0). */
  after?: number;
  types?: readonly string[];
  /** Awaited: the next event is not delivered before this settles. */
  onEvent(event: RecordedEvent): void | Promise<void>;
  /** Called once, the first time the subscription has delivered everything stored. */
  onCaughtUp?(): void;
  /**
   * The subscription stops after an error (a throwing `onEvent` or a failed read).
   * Without this callback the error is rethrown asynchronously, so it is never lost quietly.
   */
  onError?(error: Error): void;
}

export interface Subscription {
  /** Stops delivery; resolves once an in-flight `onEvent` has settled. */
  close(): Promise<void>;
}

/**
 * A capability of stores that number global positions 1, 2, 3, … without gaps and keep
 * count of the highest one ever handed out, even once its event is gone (SQLite:
 * AUTOINCREMENT's `sqlite_sequence`; memory). With it a verifier sees any removed
 * event, the last one of the whole log included, unless the counter was edited too.
 */
export interface IssuedPositions {
  /** The highest position ever handed out; 0 when no event was ever stored. */
  highest(): Promise<number>;
}

/** What a store holds for each event of a stream as text, by index: `dataJson[i]` and `metadataJson[i]` are events[i]'s. */
export interface StoredTexts {
  readonly dataJson: readonly string[];
  readonly metadataJson: readonly string[];
}

/** A stream's events as `readStream` returns them, with the text each one is stored as. */
export interface StoredStream {
  readonly events: RecordedEvent[];
  readonly texts: StoredTexts;
}

/**
 * A capability of stores that keep each event's data and metadata as the JSON text the
 * seal wrote (SQLite, docs/decisions/0095, 0102): a verifier hashes that text as stored
 * (`checkLinks`) instead of writing the parsed values out again (docs/decisions/0105).
 */
export interface StoredTextReads {
  /** `readStream(streamId)` — the same events, in the same order, with the same errors — and the stored text of each. */
  readStream(streamId: string): Promise<StoredStream>;
}

/** Where a read of the log stream by stream resumes: after this event of this stream. */
export interface StreamCursor {
  readonly streamId: string;
  readonly version: number;
}

/**
 * A capability of stores that can read the log stream by stream as cheaply as in position
 * order (SQLite: through the index that backs optimistic concurrency). A rebuild into read
 * models of their own whose rows are each a fold of one household's events reads a log
 * written day by day this way, a household's events together (docs/decisions/0119).
 */
export interface StreamOrderedFeed {
  /**
   * Feed events (as `readFeed` gives them, the same damaged-event errors) of every event at
   * a position ≤ `upTo`, stream after stream in an order of the store's own, each stream's
   * events in version order: at most `maxCount`, starting after `after` (the last event a
   * page before returned; from the first stream without it). Pages read until one comes
   * back short hold every such event exactly once.
   */
  readFeedByStream(opts: { readonly upTo: number; readonly maxCount: number; readonly after?: StreamCursor }): Promise<FeedEvent[]>;
}

/**
 * A capability of stores that live in a SQLite database (docs/decisions/0058): the read
 * models may live in the same database, so a batch of read-model rows and its checkpoint
 * commit with the events they cover in view, and need no file of their own. Never used to
 * write to the store's own tables.
 */
export interface EmbeddedReadModels {
  /** The connection the read models share with the store; closed by the store, never by its borrower. */
  readonly database: Database.Database;
  /**
   * The file a connection of its own may open: to read them (read-only, in a snapshot of
   * its own: a report read in a worker thread, docs/decisions/0112), or to rebuild them in
   * one transaction when asked to hold the store's lock that long (docs/decisions/0120).
   * Absent when the database lives in memory, where no other connection can reach it.
   */
  readonly file?: string;
}

/** How far an online copy has got: bytes written to the copy, and about how many it will hold. */
export interface OnlineCopyProgress {
  readonly written: number;
  readonly estimate: number;
}

/**
 * A capability of stores kept in one file that can copy it whole while it is written
 * (SQLite, docs/decisions/0195): a backup that stops no writer.
 */
export interface OnlineCopy {
  /**
   * Writes to `path`, which must not exist, the database as one read snapshot sees it:
   * every event up to some position, and whatever read models the file holds, each at its
   * checkpoint. Appends meanwhile wait for nothing and are not in the copy. The copy is
   * flushed to disk and appears under `path` whole or not at all; resolves with its size.
   *
   * `beforeNaming`: given the copy, whole and flushed, before it takes its name (a file of
   * the adapter's beside `path`), so that a caller can check it there first (`hearth backup`
   * verifies it: a backup stopped meanwhile leaves no unverified file under `path`). What it
   * writes to the copy is flushed too; if it throws, the copy is removed and nothing appears.
   */
  copyTo(path: string, opts?: { readonly onProgress?: (p: OnlineCopyProgress) => void; readonly beforeNaming?: (copy: string) => Promise<void> }): Promise<{ readonly bytes: number }>;
}

/**
 * The port every adapter implements (in-memory, SQLite, EventStoreDB).
 * Events are delivered and read in global position order; streams in version order.
 */
export interface EventStore {
  /** Throws WrongExpectedVersionError on a failed check, DuplicateEventIdError on a reused eventId. */
  appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedVersion): Promise<AppendResult>;
  /**
   * Applies the appends in order (the same stream may appear more than once; each
   * expected version is checked against the state left by the previous appends).
   * With `atomicBatches` (SQLite, in-memory): one transaction, all-or-nothing. Without
   * (EventStoreDB): append by append, in order, so a failure can leave the appends before
   * the failed one stored; callers must find out what was stored (docs/decisions/0049).
   */
  appendBatch(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /**
   * Whether a failed `appendBatch` is guaranteed to have stored nothing. A caller that
   * reports or resumes work by batch asks this instead of guessing from the store's URL.
   */
  readonly atomicBatches: boolean;
  /** `[]` when the stream does not exist. */
  readStream(streamId: string, opts?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Version of the stream's last event; -1 when the stream does not exist. */
  streamVersion(streamId: string): Promise<number>;
  readAll(opts?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Present only where the store can read less than `readAll` does for a reader that folds
   * the log (SQLite: the metadata's date without the rest of it): the events `readAll(opts)`
   * returns, as feed events (feed-event.ts), with the same page semantics; a stored event
   * whose data or metadata is not JSON, or whose `occurredOn` is not a date, throws a
   * DamagedEventError naming its position. Callers use `readFeed(store, opts)`, which cuts
   * the feed from `readAll` on the stores without it (docs/decisions/0097).
   */
  readFeed?(opts?: ReadAllOptions): Promise<FeedEvent[]>;
  /**
   * Position of the last event `readAll` would return now (0 for an empty store): how far
   * a reader of the log (the projections) has to go to be up to date.
   */
  headPosition(): Promise<number>;
  /**
   * Catch-up then live: every matching event after `after`, in position order,
   * exactly once, `onEvent` awaited one at a time.
   */
  subscribeToAll(opts: SubscribeToAllOptions): Subscription;
  /** Closes open subscriptions, then the store. Idempotent. */
  close(): Promise<void>;
  /** Present only where positions are contiguous and counted (see IssuedPositions); absent on EventStoreDB. */
  readonly issuedPositions?: IssuedPositions;
  /** Present only where events are kept as the text the seal wrote (SQLite); see StoredTextReads. */
  readonly storedText?: StoredTextReads;
  /** Present only where the log reads stream by stream as cheaply as in position order (SQLite); see StreamOrderedFeed. */
  readonly streamOrderedFeed?: StreamOrderedFeed;
  /** Present only where an append over a size is refused (KurrentDB); see AppendLimit. */
  readonly appendLimit?: AppendLimit;
  /** Present only on stores whose database can hold the read models too (SQLite); elsewhere they need their own file. */
  readonly embeddedReadModels?: EmbeddedReadModels;
  /** Present only on stores in one file that can copy it while it is written (SQLite, not in memory); see OnlineCopy. */
  readonly onlineCopy?: OnlineCopy;
  /**
   * Present only where a batch can be written as it is decided (SQLite): runs `work` in
   * ONE write transaction, holding the store's write lock from before `work` starts to the
   * commit. Each `session.append` is checked (expected version, append validation) and
   * written at once, inside the transaction; the transaction commits when `work` resolves
   * and rolls back, storing nothing, when it throws — as one `appendBatch` of the same
   * appends would. Until then every other call on this store instance waits, so nothing
   * outside `work` sees or joins the uncommitted writes; `work` reads through the session.
   * (docs/decisions/0083-an-import-batch-written-as-it-is-decided.md)
   */
  writeSession?<T>(work: (session: WriteSession) => Promise<T>): Promise<T>;
}

/** The appends and reads of one write transaction (EventStore.writeSession). */
export interface WriteSession {
  /**
   * Checks one append now and writes it in the session's transaction (an adapter may hold
   * its rows back for a statement of several, and then a row's failure, such as a reused
   * event id, is thrown by a later call: the session then must end by throwing, as after
   * any throw); answers its version and position as stored.
   */
  append(append: StreamAppend): AppendResult;
  /** The stream as this transaction sees it: what is stored, and what the session appended. */
  readStream(streamId: string, opts?: ReadStreamOptions): Promise<RecordedEvent[]>;
}
