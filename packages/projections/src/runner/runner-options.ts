import type Database from 'better-sqlite3';

/** What a ProjectionRunner reports as it catches up or rebuilds. */
export interface RunnerProgress {
  /** Projections being brought up to date. */
  readonly projections: readonly string[];
  /** Position reached (every projection's checkpoint is at least this). */
  readonly position: number;
  /** Last position in the log (the store's head when this batch was written). */
  readonly head: number;
  /** Events read in this run so far. */
  readonly events: number;
  /**
   * Set while a rebuild reads the log stream by stream (docs/decisions/0119): `position`
   * is where the checkpoints stood before it, and moves to the head only when it commits.
   */
  readonly byStream?: true;
  /**
   * Set when the page just read in position order found its households' events spread over
   * the log (page-size.ts, `isSpread`): a log written day by day, which a rebuild stream by
   * stream reads for a fraction of the cost (docs/decisions/0119–0121, 0123).
   */
  readonly spread?: true;
}

/** How one rebuild may run. */
export interface RebuildOptions {
  /**
   * With the read models in the SQLite store's own file: hold the file's write lock for the
   * whole rebuild and read the log stream by stream in one transaction (docs/decisions/0120),
   * as a file of their own always is. Every append to the store waits meanwhile, and gives
   * up after its busy timeout. Changes nothing elsewhere.
   */
  readonly exclusive?: boolean;
}

/** How a ProjectionRunner pages the log, what it may open, and its hooks. */
export interface RunnerOptions {
  /** Events per read and per transaction while catching up. Default 5000 (larger batches commit less often: faster rebuilds). */
  readonly batchSize?: number;
  /**
   * Events per read and per transaction while at least that many events are ahead of the
   * projections (a rebuild, a first start, a runner long stopped) and the page before
   * found the households' events spread over the log (page-size.ts): fewer, larger pages,
   * so that a household whose events are spread over the log is read, recounted and
   * written again in fewer of them (docs/decisions/0106); or found its households
   * registered out of the read models' key order (key-order.ts), so that fewer commits
   * write again the leaves an earlier one wrote (docs/decisions/0190). Default `BULK_PAGE`; never
   * less than `batchSize`. It is the most a page reads: fewer when the page before had so
   * many households an event that this many would hold more than `BULK_HOUSEHOLDS`
   * households' records at once (docs/decisions/0115).
   */
  readonly bulkBatchSize?: number;
  /** The households a bulk page is sized to touch at most (default `BULK_HOUSEHOLDS`, docs/decisions/0115). */
  readonly bulkHouseholds?: number;
  /**
   * Test hook, called inside the transaction after the read-model rows are written and
   * before the checkpoints are: a crash here must leave neither.
   */
  readonly beforeCheckpoint?: (position: number) => void;
  /**
   * Opens a connection of its own to the read models' file, for a rebuild (and, in a file
   * of their own, a catch-up from zero) that reads the log stream by stream in one
   * transaction on it, on a store that can (`streamOrderedFeed`, docs/decisions/0119,
   * 0121; stream-builds.ts). Without it they read in position order, a page a
   * transaction. The runner closes what it opens.
   */
  readonly rebuildConnection?: () => Database.Database;
  /**
   * That file is the SQLite store's own, whose appends would wait for the whole rebuild:
   * it is rebuilt stream by stream only when the rebuild is asked to be `exclusive`
   * (RebuildOptions, docs/decisions/0120).
   */
  readonly rebuildConnectionIsTheStore?: boolean;
  /** Errors of the live subscription (default: rethrown asynchronously by the store). */
  readonly onLiveError?: (error: Error) => void;
}
