import type Database from 'better-sqlite3';
import type { Projection, ProjectionWriter } from '../projection';
import type { ProjectedEvent } from '../projected-event';
import type { Checkpoints } from '../storage/checkpoints';
import { createIndexes, dropIndexes, lacksIndexes } from '../storage/secondary-indexes';
import { withWriteLock } from '../storage/write-lock';
import type { HandledTypes } from './handled-types';

/**
 * Whether a page ending at `last`, of a log whose head is at `head`, leaves a projection's
 * secondary indexes out: while it lacks them, until the page that reaches the head; when
 * it has them, only if more of the log is ahead of the page than behind it (building
 * them again from the whole table then costs less than inserting the rest row by row).
 */
const leavesIndexesOut = (lacking: boolean, last: number, head: number): boolean => last < head && (lacking || head - last >= last);

/** What a page's transaction did: the projections it moved to the page's last position, and whether those were all that were behind it. */
export interface PageWritten {
  readonly follows: readonly Projection[];
  readonly all: boolean;
}

/**
 * Writes a page of the log that covers every event in (after, last] into the projections,
 * in one write transaction (`withWriteLock`) that first reads every checkpoint: a projection
 * behind `last` takes the page only if its checkpoint is at least `after` (no event between
 * its checkpoint and the page is skipped), and only the events past its checkpoint and of
 * the types it handles; its rows and its checkpoint at `last` are written together. One
 * whose checkpoint fell below `after` (reset by a rebuild since the page was read) is left
 * alone: `all` is false and the runner reads again from the checkpoints.
 *
 * `head`: the log's last position as known before the page was read (`last` for a live
 * event). A projection far behind it is written without its secondary indexes, which the
 * page that reaches the head creates (docs/decisions/0075), in the same transaction as its
 * rows (`present`: the secondary indexes the database has). `beforeCheckpoint` is the
 * runner's test hook between the rows and the checkpoints.
 */
export const pageTransaction = (
  db: Database.Database,
  checkpoints: Checkpoints,
  projections: readonly Projection[],
  writers: ReadonlyMap<string, ProjectionWriter>,
  handles: HandledTypes,
  present: () => ReadonlySet<string>,
  beforeCheckpoint?: (position: number) => void,
): ((events: readonly ProjectedEvent[], after: number, last: number, head: number) => PageWritten) =>
  (events, after, last, head) =>
    withWriteLock(db, () => {
      const stored = checkpoints.all();
      const behind = projections.filter((p) => (stored.get(p.name)?.position ?? 0) < last);
      const follows = behind.filter((p) => (stored.get(p.name)?.position ?? 0) >= after);
      const indexes = present();
      const types = handles.typesOf(events);
      try {
        for (const p of follows) {
          const from = stored.get(p.name)?.position ?? 0;
          const writer = writers.get(p.name) as ProjectionWriter;
          const handled = handles.of(p.name);
          const lacking = lacksIndexes(p, indexes);
          const indexesLater = leavesIndexesOut(lacking, last, head);
          if (indexesLater && !lacking) dropIndexes(db, p);
          writer.begin?.(from);
          for (let i = 0; i < events.length; i++) {
            const e = events[i] as ProjectedEvent;
            if (handled[types[i] as number] === 1 && e.position > from) writer.apply(e);
          }
          writer.flush?.();
          if (!indexesLater && lacking) createIndexes(db, p);
        }
      } catch (e) {
        // The transaction rolls back: nothing a writer held back of this page may outlive it.
        for (const writer of writers.values()) writer.discard?.();
        throw e;
      }
      beforeCheckpoint?.(last);
      for (const p of follows) checkpoints.set({ name: p.name, version: p.version, position: last });
      return { follows, all: follows.length === behind.length };
    });
