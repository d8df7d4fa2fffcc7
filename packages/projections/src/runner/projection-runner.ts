import type Database from 'better-sqlite3';
import type { EventStore, RecordedEvent, Subscription } from '@hearth/event-store';
import type { Projection, ProjectionWriter } from '../projection';
import { Checkpoint, Checkpoints } from '../storage/checkpoints';
import { resetProjection } from '../storage/projection-schema';
import { PreparedEvent, prepareEvents } from './prepare-events';

export interface RunnerProgress {
  /** Projections being brought up to date. */
  readonly projections: readonly string[];
  /** Position reached (every projection's checkpoint is at least this). */
  readonly position: number;
  /** Last position in the log, when the store can say cheaply (SQLite). */
  readonly head: number | undefined;
  /** Events read in this run so far. */
  readonly events: number;
}

export interface RunnerOptions {
  /** Events per read and per transaction while catching up. Default 5000 (larger batches commit less often: faster rebuilds). */
  readonly batchSize?: number;
  /** Last position in the log, for progress reports. */
  readonly head?: () => number | undefined;
  /**
   * Test hook, called inside the transaction after the read-model rows are written and
   * before the checkpoints are: a crash here must leave neither.
   */
  readonly beforeCheckpoint?: (position: number) => void;
  /** Errors of the live subscription (default: rethrown asynchronously by the store). */
  readonly onLiveError?: (error: Error) => void;
}

/**
 * Brings the projections up to date from their durable checkpoints and keeps them there.
 *
 * Exactly-once: a batch of events and the checkpoints that cover it are written in one
 * SQLite transaction, and inside it each projection skips events at or below its own
 * checkpoint. A crash at any point leaves the rows and the checkpoint in agreement, and
 * an event delivered twice (catch-up and live overlap) is applied once.
 *
 * Every operation that writes runs through one queue, so a rebuild (which moves
 * checkpoints back) never interleaves with a live event.
 */
export class ProjectionRunner {
  private readonly writers: ReadonlyMap<string, ProjectionWriter>;
  private readonly handles: ReadonlyMap<string, ReadonlySet<string>>;
  private readonly applyInTransaction: (events: readonly PreparedEvent[], last: number) => void;
  private readonly batchSize: number;
  private queue: Promise<unknown> = Promise.resolve();
  private subscription: Subscription | undefined;
  private waiters: { position: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database.Database,
    private readonly checkpoints: Checkpoints,
    readonly projections: readonly Projection[],
    private readonly opts: RunnerOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 5000;
    this.writers = new Map(projections.map((p) => [p.name, p.writer(db)]));
    this.handles = new Map(projections.map((p) => [p.name, new Set<string>(p.handles)]));
    this.applyInTransaction = db.transaction((events: readonly PreparedEvent[], last: number) => {
      const stored = this.checkpoints.all();
      const behind = this.projections.filter((p) => (stored.get(p.name)?.position ?? 0) < last);
      for (const p of behind) {
        const from = stored.get(p.name)?.position ?? 0;
        const writer = this.writers.get(p.name) as ProjectionWriter;
        const handled = this.handles.get(p.name) as ReadonlySet<string>;
        for (const e of events) if (e.position > from && e.projected && handled.has(e.projected.event.type)) writer.apply(e.projected);
      }
      this.opts.beforeCheckpoint?.(last);
      for (const p of behind) this.checkpoints.set({ name: p.name, version: p.version, position: last });
    });
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

  /** Reads the log from the lowest checkpoint to its end, `batchSize` events per transaction. Returns the position reached. */
  catchUp(onProgress?: (p: RunnerProgress) => void): Promise<number> {
    return this.exclusive(() => this.catchUpNow(onProgress));
  }

  /** Catches up, then follows new events as they are appended. */
  async start(): Promise<void> {
    if (this.subscription) return;
    await this.catchUp();
    this.subscription = this.store.subscribeToAll({
      after: this.position(),
      onEvent: (e) => this.exclusive(() => this.applyPage([e])),
      onError: (error) => {
        this.fail(error);
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
    if (this.failure) return Promise.reject(this.failure);
    if (this.position() >= position) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  /**
   * Drops the named projections (default: all), creates them empty and replays the log
   * into them. The reset and the first batch are separate transactions; a crash between
   * or during them leaves a checkpoint the next catch-up simply continues from.
   */
  async rebuild(names?: readonly string[], onProgress?: (p: RunnerProgress) => void): Promise<number> {
    const selected = names === undefined ? this.projections : names.map((n) => this.projectionNamed(n));
    return this.exclusive(async () => {
      this.db.transaction(() => {
        for (const p of selected) resetProjection(this.db, this.checkpoints, p);
      }).immediate();
      // Fresh statements: the tables they were prepared against were just dropped.
      for (const p of selected) (this.writers as Map<string, ProjectionWriter>).set(p.name, p.writer(this.db));
      return this.catchUpNow(onProgress, selected.map((p) => p.name));
    });
  }

  private projectionNamed(name: string): Projection {
    const p = this.projections.find((x) => x.name === name);
    if (!p) throw new Error(`unknown projection "${name}" (known: ${this.projections.map((x) => x.name).join(', ')})`);
    return p;
  }

  private async catchUpNow(onProgress?: (p: RunnerProgress) => void, names?: readonly string[]): Promise<number> {
    let after = this.position();
    let events = 0;
    const projections = names ?? this.projections.map((p) => p.name);
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: this.batchSize });
      if (page.length === 0) break;
      await this.applyPage(page);
      after = (page[page.length - 1] as RecordedEvent).position;
      events += page.length;
      onProgress?.({ projections, position: after, head: this.opts.head?.(), events });
      if (page.length < this.batchSize) break;
    }
    return this.position();
  }

  private async applyPage(page: readonly RecordedEvent[]): Promise<void> {
    const prepared = await prepareEvents(this.store, page);
    this.applyInTransaction(prepared, (page[page.length - 1] as RecordedEvent).position);
    this.notify();
  }

  private notify(): void {
    if (this.waiters.length === 0) return;
    const reached = this.position();
    const due = this.waiters.filter((w) => w.position <= reached);
    this.waiters = this.waiters.filter((w) => w.position > reached);
    for (const w of due) w.resolve();
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const w of this.waiters) w.reject(error);
    this.waiters = [];
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
