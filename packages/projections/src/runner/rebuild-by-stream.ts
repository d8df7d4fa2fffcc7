import type Database from 'better-sqlite3';
import { isDamagedEventError, type EventStore, type StreamCursor, type StreamOrderedFeed } from '@hearth/event-store';
import type { Projection, ProjectionWriter } from '../projection';
import type { ProjectedEvent } from '../projected-event';
import { Checkpoints } from '../storage/checkpoints';
import { resetProjection } from '../storage/projection-schema';
import { createIndexes, dropIndexes } from '../storage/secondary-indexes';
import { withWriteLockHeld } from '../storage/write-lock';
import { HandledTypes } from './handled-types';
import { prepareEvents } from './prepare-events';
import { letTheLoopTurn } from './turn-of-the-loop';

/** Progress of a rebuild read stream by stream: events read of the log's `head`, the checkpoints unmoved until it commits. */
export interface StreamRebuildProgress {
  readonly events: number;
  readonly head: number;
}

/**
 * Rebuilds `projections` from zero to the log's head as it is when the rebuild begins,
 * reading the log stream by stream (`StreamOrderedFeed`): a household's events together,
 * so each household's record is read, recounted and written about once, where a log written
 * day by day in position order touches it again at almost every page (docs/decisions/0119).
 *
 * Sound because every projection's rows are folds of one household's events, summed
 * (the counters) or keyed by household and position, never of the order households'
 * events interleave in: the rows are those a rebuild in position order writes.
 * `rebuild-by-stream.spec.ts` and `read-models-agree.property.spec.ts` hold them equal.
 *
 * The rows do not stand for a prefix of the log until the last stream is read, so the
 * whole rebuild is ONE transaction on `db`, a connection of its own to the read models'
 * file: the reset, every page, the secondary indexes and the checkpoints at the head
 * commit together or not at all. Until then every other connection reads the read models
 * as they were, and another writer of them waits for the lock (ReadModelsBusyError after
 * its attempts); a crash or an error leaves them as they were. On the store's own file only
 * when the rebuild is `exclusive` (docs/decisions/0120): the store's appends wait as long.
 *
 * Returns the head the projections were rebuilt to, or `undefined`, having changed
 * nothing, when an event of the log is damaged: the caller then rebuilds in position
 * order, which stops at that event and names it, as a rebuild always has.
 */
export const rebuildByStream = async (
  store: EventStore,
  feed: StreamOrderedFeed,
  db: Database.Database,
  projections: readonly Projection[],
  pageSize: number,
  onProgress?: (p: StreamRebuildProgress) => void,
): Promise<number | undefined> => {
  const head = await store.headPosition();
  const checkpoints = new Checkpoints(db);
  const handles = new HandledTypes(projections);
  try {
    return await withWriteLockHeld(db, async () => {
      for (const p of projections) {
        resetProjection(db, checkpoints, p);
        // Built once from the whole tables at the end, not row by row (decision 75).
        dropIndexes(db, p);
      }
      // Prepared against the tables just made.
      const writers = new Map<string, ProjectionWriter>(projections.map((p) => [p.name, p.writer(db)]));
      let after: StreamCursor | undefined;
      let events = 0;
      for (;;) {
        const page = await feed.readFeedByStream({ upTo: head, maxCount: pageSize, ...(after === undefined ? {} : { after }) });
        const prepared = await prepareEvents(store, page);
        const types = handles.typesOf(prepared);
        for (const p of projections) {
          const writer = writers.get(p.name) as ProjectionWriter;
          const handled = handles.of(p.name);
          // Every checkpoint is at 0 in this transaction, and nothing was kept from a page before.
          writer.begin?.(0);
          for (let i = 0; i < prepared.length; i++) if (handled[types[i] as number] === 1) writer.apply(prepared[i] as ProjectedEvent);
          writer.flush?.();
        }
        events += page.length;
        onProgress?.({ events, head });
        const last = page.at(-1);
        if (page.length < pageSize || last === undefined) break;
        after = { streamId: last.streamId, version: last.streamVersion };
        await letTheLoopTurn();
      }
      for (const p of projections) {
        createIndexes(db, p);
        checkpoints.set({ name: p.name, version: p.version, position: head });
      }
      return head;
    });
  } catch (e) {
    if (isDamagedEventError(e)) return undefined;
    throw e;
  }
};
