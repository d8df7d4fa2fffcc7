import type { EventStore } from '@hearth/event-store';
import type { Projection } from '../projection';
import { rebuildByStream } from './rebuild-by-stream';
import type { RebuildOptions, RunnerOptions, RunnerProgress } from './runner-options';

/**
 * Whether `hearth rebuild --exclusive` could build these read models stream by stream where
 * a default rebuild or catch-up reads the log in position order: they are the store's own
 * file (no `readModels` of their own, which are built stream by stream anyway) on a store
 * that reads stream by stream (decisions 120 and 123). The CLI's hint and the service's
 * warning ask it.
 */
export const exclusiveRebuildWouldHelp = (store: Pick<EventStore, 'streamOrderedFeed' | 'embeddedReadModels'>, readModels: string | undefined): boolean =>
  readModels === undefined && store.streamOrderedFeed !== undefined && store.embeddedReadModels?.file !== undefined;

/**
 * When the runner builds projections stream by stream in one transaction
 * (rebuild-by-stream.ts) rather than in position order, and on what connection: on a store
 * that reads so (`streamOrderedFeed`), into read models a connection of their own can
 * reach (`rebuildConnection`). A file of their own is built so at every rebuild (decision
 * 119) and at every catch-up from zero (decision 121); the store's own file only in a
 * rebuild asked to be `exclusive`, as its appends wait meanwhile (decision 120).
 */
export class StreamBuilds {
  constructor(
    private readonly store: EventStore,
    private readonly opts: RunnerOptions,
    private readonly pageSize: number,
  ) {}

  /** Whether a catch-up builds the projections at zero stream by stream: read models in a file of their own. */
  get fromZero(): boolean {
    return this.opts.rebuildConnection !== undefined && this.opts.rebuildConnectionIsTheStore !== true && this.store.streamOrderedFeed !== undefined;
  }

  /**
   * Rebuilds `selected` stream by stream where it may, its progress reported from the
   * checkpoints' `position`; the head it reached, or `undefined` when it did not run or
   * changed nothing (a damaged event).
   */
  async rebuild(selected: readonly Projection[], position: number, opts: RebuildOptions, onProgress?: (p: RunnerProgress) => void): Promise<number | undefined> {
    const feed = this.store.streamOrderedFeed;
    const connect = this.opts.rebuildConnection;
    if (feed === undefined || connect === undefined) return undefined;
    if (this.opts.rebuildConnectionIsTheStore === true && opts.exclusive !== true) return undefined;
    const db = connect();
    try {
      const projections = selected.map((p) => p.name);
      // The usual pages, not bulk ones: a household's events lie together, so a larger page touches no fewer records, and
      // pages of 50,000 cost 40% more CPU and twice the memory at 20,000 households (decision 119).
      return await rebuildByStream(this.store, feed, db, selected, this.pageSize, (p) =>
        onProgress?.({ projections, position, head: p.head, events: p.events, byStream: true }),
      );
    } finally {
      db.close();
    }
  }
}
