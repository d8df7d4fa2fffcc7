import type Database from 'better-sqlite3';
import { feedEventOf, type EventStore, type RecordedEvent, type Subscription } from '@hearth/event-store';
import type { Projection, ProjectionWriter } from '../projection';
import { projectionNameToday } from '../projections/retired-projections';
import { Checkpoint, Checkpoints } from '../storage/checkpoints';
import { refuseReadModelsPastTheLog } from '../storage/read-model-source';
import { resetProjection } from '../storage/projection-schema';
import { completeIndexes, indexesPresent } from '../storage/secondary-indexes';
import { withWriteLock } from '../storage/write-lock';
import type { ProjectedEvent } from '../projected-event';
import { HandledTypes } from './handled-types';
import { isOutOfKeyOrder, type KeyOrder, keyOrderOf } from './key-order';
import { BULK_HOUSEHOLDS, BULK_PAGE, isSpread, nextPageSize, PageSpread, spreadOf } from './page-size';
import { pageTransaction } from './page-transaction';
import { PositionWaiters } from './position-waiters';
import { preparedPage, readPreparedPage, type PreparedPage } from './prepared-page';
import type { RebuildOptions, RunnerOptions, RunnerProgress } from './runner-options';
import { StreamBuilds } from './stream-builds';
import { letTheLoopTurn } from './turn-of-the-loop';

export type { RebuildOptions, RunnerOptions, RunnerProgress } from './runner-options';

/**
 * Brings the projections up to date from their durable checkpoints and keeps them there.
 *
 * Exactly-once, whatever else writes the same read models (another process catching up
 * or rebuilding, a live runner of a service): a page of events read from the log covers
 * every event in (after, last]; it is written in one `BEGIN IMMEDIATE` transaction that
 * first reads each projection's checkpoint and applies the page to a projection only if
 * that checkpoint is at least `after` (so no event between the checkpoint and the page
 * is skipped), moving it to `last` with the rows. A projection whose checkpoint has
 * fallen below `after` — reset by a rebuild since the page was read — is left alone and
 * the runner reads again from the checkpoints. SQLite's write lock makes each such
 * transaction the only writer, so the invariant "every projection's rows are the fold of
 * the log up to its checkpoint" holds after every commit, and a crash at any point leaves
 * tables that equal a rebuild.
 *
 * A projection far behind the log (more of it ahead than behind: a rebuild, a first
 * start) is written without its secondary indexes, which the page that reaches the head
 * creates, sorting each table once instead of inserting into scattered index pages row by
 * row (docs/decisions/0075). The indexes are dropped and created in the pages'
 * transactions, by the same rule in every runner, so a crash leaves a projection without
 * them only while it is behind the log, and the catch-up that brings it to the head
 * creates them. Readers meanwhile get the same rows, read without the indexes.
 *
 * Within a process every operation that writes also runs through one queue.
 */
export class ProjectionRunner {
  private readonly writers: ReadonlyMap<string, ProjectionWriter>;
  private readonly applyInTransaction: (events: readonly ProjectedEvent[], after: number, last: number, head: number, catchingUp: boolean) => boolean;
  private readonly indexesPresent: () => ReadonlySet<string>;
  private readonly batchSize: number;
  private readonly bulkBatchSize: number;
  private readonly bulkHouseholds: number;
  private readonly streamBuilds: StreamBuilds;
  private queue: Promise<unknown> = Promise.resolve();
  private subscription: Subscription | undefined;
  /** Position of the last event the live subscription delivered (its pages start after it). */
  private delivered = 0;
  private readonly waiters = new PositionWaiters();

  constructor(
    private readonly store: EventStore,
    private readonly db: Database.Database,
    private readonly checkpoints: Checkpoints,
    readonly projections: readonly Projection[],
    private readonly opts: RunnerOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 5000;
    this.bulkBatchSize = Math.max(this.batchSize, opts.bulkBatchSize ?? BULK_PAGE);
    this.bulkHouseholds = Math.max(1, opts.bulkHouseholds ?? BULK_HOUSEHOLDS);
    this.writers = new Map(projections.map((p) => [p.name, p.writer(db)]));
    this.streamBuilds = new StreamBuilds(store, opts, this.batchSize);
    this.indexesPresent = indexesPresent(db);
    const inTransaction = pageTransaction(db, checkpoints, projections, this.writers, new HandledTypes(projections), this.indexesPresent, opts.beforeCheckpoint);
    this.applyInTransaction = (events, after, last, head, catchingUp) => {
      const { follows, all } = inTransaction(events, after, last, head);
      // Committed: a writer may keep what the page wrote for the next page of the catch-up (decision 106). A live event's
      // page is not announced, so nothing is kept from one live event to the next (a service would hold it for good).
      if (catchingUp) for (const p of follows) this.writers.get(p.name)?.committed?.(last);
      return all;
    };
  }

  /** Every projection's checkpoint. */
  status(): Checkpoint[] {
    const stored = this.checkpoints.all();
    return this.projections.map((p) => stored.get(p.name) ?? { name: p.name, version: p.version, position: 0 });
  }

  /** The position every projection has reached. */
  position(): number {
    return Math.min(...this.status().map((c) => c.position));
  }

  /**
   * Reads the log from the lowest checkpoint to its end, `batchSize` events per transaction
   * (`bulkBatchSize` while far behind). Returns the position reached. Projections at zero
   * in a file of their own are first built as a rebuild builds them (decision 121).
   *
   * `upTo`: stop once every projection has taken in the events up to that position (the
   * last page may go past it) rather than at the log's end, which a writer appending faster
   * than the pages are written keeps out of reach (docs/decisions/0163). Such a catch-up
   * treats `upTo` as its head: the page that reaches it creates the secondary indexes a bulk
   * catch-up left out, and the end-of-catch-up work runs there.
   */
  catchUp(onProgress?: (p: RunnerProgress) => void, upTo?: number): Promise<number> {
    return this.exclusive(async () => {
      await this.buildFromZero(onProgress);
      return this.catchUpNow(onProgress, undefined, upTo);
    });
  }

  /**
   * Projections whose checkpoint is 0 (a first build, or one reset since) in a file of
   * their own are built stream by stream in one transaction, so that a log written day by
   * day costs what one in household order does (docs/decisions/0121). Where that cannot
   * run, or over a damaged event, the catch-up builds them in position order as before.
   */
  private async buildFromZero(onProgress?: (p: RunnerProgress) => void): Promise<void> {
    if (!this.streamBuilds.fromZero) return;
    const stored = this.checkpoints.all();
    const atZero = this.projections.filter((p) => (stored.get(p.name)?.position ?? 0) === 0);
    if (atZero.length === 0 || (await this.store.headPosition()) === 0) return;
    if ((await this.streamBuilds.rebuild(atZero, 0, {}, onProgress)) !== undefined) this.freshWriters(atZero);
  }

  /** Fresh statements, and nothing kept from before: the tables they were prepared against were dropped. */
  private freshWriters(projections: readonly Projection[]): void {
    for (const p of projections) (this.writers as Map<string, ProjectionWriter>).set(p.name, p.writer(this.db));
  }

  /**
   * Catches up to the head as it is now, then follows new events as they are appended (the
   * subscription delivers those appended meanwhile). After the live subscription failed
   * (onLiveError), calling it again restarts from the checkpoints.
   */
  async start(): Promise<void> {
    if (this.subscription) return;
    this.waiters.clear();
    // Bounded, so that reads queued behind it (`exclusive`) wait for this head, not for a writer's (decision 163).
    await this.catchUp(undefined, await this.store.headPosition());
    this.delivered = this.position();
    this.subscription = this.store.subscribeToAll({
      after: this.delivered,
      onEvent: (e) => this.exclusive(() => this.applyLive(e)),
      onError: (error) => {
        // The subscription has stopped: a later start() opens a new one from the checkpoints.
        this.subscription = undefined;
        this.waiters.fail(error);
        if (this.opts.onLiveError) this.opts.onLiveError(error);
        else queueMicrotask(() => { throw error; });
      },
    });
  }

  /** Stops following the log (what was applied stays applied). */
  async stop(): Promise<void> {
    const s = this.subscription;
    this.subscription = undefined;
    await s?.close();
  }

  /** Resolves once every projection has taken the event at `position` into account. */
  waitFor(position: number): Promise<void> {
    return this.waiters.add(position, () => this.position(), (reject) => {
      // Delivered to this runner already, yet the checkpoints are below it: reset elsewhere since.
      // Replay now rather than wait for a next event that may never come.
      // Up to what was delivered: the subscription brings what follows it.
      if (this.subscription && this.delivered >= position) this.catchUp(undefined, this.delivered).then(() => this.notify(), reject);
    });
  }

  /**
   * Drops the named projections (default: all), creates them empty and replays the log
   * into them. The reset (tables and checkpoint 0, in one transaction) and each batch of
   * the replay are separate transactions; a crash between or during them leaves a
   * checkpoint the next catch-up simply continues from, and a catch-up in another
   * process meanwhile helps the replay along rather than writing over it. Read models
   * the runner may rebuild stream by stream (`rebuildConnection`: a file of their own, or
   * the store's own when `exclusive`) are rebuilt in one transaction instead.
   */
  async rebuild(names?: readonly string[], onProgress?: (p: RunnerProgress) => void, opts: RebuildOptions = {}): Promise<number> {
    // A retired name and its keeper's (or a name twice) rebuild the keeper once.
    const selected = names === undefined ? this.projections : [...new Set(names.map((n) => this.projectionNamed(n)))];
    return this.exclusive(async () => {
      // The log as it was when the rebuild began: a writer that never pauses would keep a rebuild to its end from returning (decision 163).
      const upTo = await this.store.headPosition();
      const rebuilt = await this.streamBuilds.rebuild(selected, this.position(), opts, onProgress);
      if (rebuilt === undefined)
        withWriteLock(this.db, () => {
          for (const p of selected) resetProjection(this.db, this.checkpoints, p);
        });
      this.freshWriters(selected);
      // From zero, or from the head the stream-by-stream rebuild reached: what was appended since.
      return this.catchUpNow(onProgress, selected.map((p) => p.name), upTo);
    });
  }

  private projectionNamed(name: string): Projection {
    const today = projectionNameToday(name);
    const p = this.projections.find((x) => x.name === today);
    if (!p) throw new Error(`unknown projection "${name}" (known: ${this.projections.map((x) => x.name).join(', ')})`);
    return p;
  }

  private async catchUpNow(onProgress?: (p: RunnerProgress) => void, names?: readonly string[], upTo?: number): Promise<number> {
    // One read of the checkpoints: the lowest is where the catch-up starts, the highest what the head must not be below.
    const reached = this.status().map((c) => c.position);
    let after = Math.min(...reached);
    let events = 0;
    const projections = names ?? this.projections.map((p) => p.name);
    // Read before the first page, so the page that reaches the head knows it has (it only decides when indexes are built);
    // and after the checkpoints, so that read models past it are known to hold events the log has lost.
    const logHead = await refuseReadModelsPastTheLog(Math.max(...reached), this.store);
    // A bounded catch-up's head is its bound: the pages leave indexes out, and create them, as if the log ended there.
    const head = upTo === undefined ? logHead : Math.min(logHead, upTo);
    let spread: PageSpread | undefined;
    let keyOrder: KeyOrder | undefined;
    for (;;) {
      if (upTo !== undefined && after >= upTo) break;
      // Far behind, through a log whose households are spread over it or out of key order: large pages; else the usual ones.
      const size = nextPageSize(this.batchSize, this.bulkBatchSize, head - after, spread, this.bulkHouseholds, keyOrder !== undefined && isOutOfKeyOrder(keyOrder));
      const read = await readPreparedPage(this.store, after, size);
      spread = spreadOf(read.events);
      keyOrder = keyOrderOf(read.events, keyOrder?.highest);
      const follows = read.count === 0 || this.applyPage(read, after, head, true);
      const position = this.position();
      if (!follows || position < after) {
        // Reset meanwhile (a rebuild elsewhere): read again from where the checkpoints are now.
        after = position;
        continue;
      }
      if (read.count === 0) break;
      after = read.last;
      events += read.count;
      const goal = upTo === undefined ? await this.store.headPosition() : head;
      if (onProgress) onProgress({ projections, position: after, head: Math.max(after, goal), events, ...(isSpread(spread) ? { spread: true } : {}) });
      if (read.count < size) break;
      await letTheLoopTurn();
    }
    // At the head (or the bound): what the writers kept from page to page (decision 106) goes, rather than stay in memory for live events.
    for (const writer of this.writers.values()) writer.discard?.();
    // At the head (or the bound) every projection has its secondary indexes.
    completeIndexes(this.db, this.projections, this.indexesPresent);
    return this.position();
  }

  /** Writes a page that covers every event in (after, last]; false when some projection's checkpoint is below `after`. */
  private applyPage(page: PreparedPage, after: number, head: number, catchingUp: boolean): boolean {
    const follows = this.applyInTransaction(page.events, after, page.last, Math.max(head, page.last), catchingUp);
    this.notify();
    return follows;
  }

  /**
   * A live event follows the one delivered before it; when the checkpoints have moved back meanwhile, catch up instead.
   * An event every projection has already taken in is passed over before it is decoded, with no transaction: a read's
   * catch-up (decision 163) or another process got there first, and its page would write nothing (decision 166).
   */
  private async applyLive(e: RecordedEvent): Promise<void> {
    const after = this.delivered;
    this.delivered = e.position;
    if (this.position() >= e.position) {
      // The checkpoints may have moved in another process without this one noticing: those who wait for them may go.
      this.notify();
      return;
    }
    // Up to this event: the subscription delivers those after it.
    if (!this.applyPage(await preparedPage(this.store, [feedEventOf(e)]), after, e.position, false)) await this.catchUpNow(undefined, undefined, e.position);
  }

  private notify(): void {
    this.waiters.reach(() => this.position());
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
