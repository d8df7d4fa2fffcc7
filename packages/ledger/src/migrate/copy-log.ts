import { DIVISIONS_STREAM } from '@hearth/domain';
import { logPages, type AppendLimit, type EventStore, type RecordedEvent, type StreamAppend } from '@hearth/event-store';
import { AppendWindow } from './append-window';
import { MigrationDifferenceError } from './migration-difference-error';
import { checkedTargetVersion } from './stream-on-target';
import { streamNotOnSource } from './stream-not-on-source';

export interface CopyProgress {
  /** Source events read so far (all of them once the copy ends). */
  readonly eventsRead: number;
  /** Events appended to the target by this run. */
  readonly eventsCopied: number;
  /** Events the target already held (an earlier run), each checked against the source. */
  readonly eventsAlreadyThere: number;
  /** Distinct streams read so far. */
  readonly streamsRead: number;
  /** Streams this run appended to. */
  readonly streamsCopied: number;
  /** The source's last position when the copy started: `eventsRead` grows towards it. */
  readonly sourceHead: number;
  readonly sourcePosition: number;
}

export interface CopyOptions {
  /** Appends in flight at once on a target without atomic batches. Default 16. */
  readonly concurrency?: number;
  /** Source events per read (and at most per batch on a target with atomic batches). Default 1000. */
  readonly pageSize?: number;
  /** Appends run together only for events recorded within this span (ms). Default 1000. */
  readonly orderSpanMs?: number;
  readonly onProgress?: (p: CopyProgress) => void;
}

export interface CopyResult extends CopyProgress {
  /** Every stream of the source, in order of first appearance in its log. */
  readonly streams: readonly string[];
}

/**
 * The most bytes one append of a migration carries onto a store with an append limit
 * (EventStore.appendLimit, counted as that store counts them), half a KurrentDB server's
 * default limit of 1 MiB, or the target's own limit where it is lower: a server refuses an
 * append whose events together exceed its limit, and a division tree recorded in parts
 * (docs/decisions/0056) is several such events in a row of one stream.
 */
const RUN_BYTES = 512 * 1024;

/**
 * Consecutive events of one stream in the log, one append each run: up to RUN_BYTES (or the
 * target's limit) together where the target limits appends; on a target that does not
 * (SQLite, memory) a stream's consecutive events of the page in one run.
 */
const runsOf = (page: readonly RecordedEvent[], limit: AppendLimit | undefined): RecordedEvent[][] => {
  const runBytes = Math.min(RUN_BYTES, limit?.bytes ?? Infinity);
  const runs: RecordedEvent[][] = [];
  let bytes = 0;
  for (const event of page) {
    const last = runs.at(-1);
    const size = limit?.sizeOf(event) ?? 0;
    if (last && last[0]?.streamId === event.streamId && bytes + size <= runBytes) {
      last.push(event);
      bytes += size;
    } else {
      runs.push([event]);
      bytes = size;
    }
  }
  return runs;
};

/** Runs `work` on every item, at most `limit` at a time. */
const eachBounded = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};

const recordedAt = (events: readonly RecordedEvent[]): { earliest: number; latest: number } => {
  const times = events.map((e) => Date.parse(e.metadata.recordedAt));
  return { earliest: Math.min(...times), latest: Math.max(...times) };
};

/**
 * Copies the source's log onto the target in the source's log order, stream by stream
 * with the exact expected version of each append, carrying every event's id, type, data
 * and metadata unchanged (so hash chains verify on the target). Global positions are the
 * target's own. A stream the target already holds (an earlier, interrupted run) is
 * compared event for event up to the target's version and only the rest is appended; a
 * target holding a stream the source does not is refused before anything is written.
 *
 * On a target with atomic batches each page is one `appendBatch` in log order (the
 * target's log order is the source's); otherwise appends run through an AppendWindow,
 * where the division-tree stream's appends run alone: every event keeps its side of
 * each tree event (and of each part of one).
 */
export const copyLog = async (source: EventStore, target: EventStore, opts: CopyOptions = {}): Promise<CopyResult> => {
  const pageSize = opts.pageSize ?? 1000;
  const window = new AppendWindow(opts.concurrency ?? 16, opts.orderSpanMs ?? 1000);
  const sourceHead = await source.headPosition();
  const targetWasEmpty = (await target.headPosition()) === 0;
  // Before the first append: found only at the end, a stream of another store's had the whole source appended beside it.
  const foreign = targetWasEmpty ? undefined : await streamNotOnSource(source, target, { pageSize, concurrency: opts.concurrency ?? 16 });
  if (foreign !== undefined) throw new MigrationDifferenceError(foreign, -1, 'the source has no such stream, so the target is neither empty nor an earlier run of this migration and the copy did not start');
  /** The version each stream will have on the target once what is submitted is written. */
  const targetVersion = new Map<string, number>();
  let eventsRead = 0;
  let eventsCopied = 0;
  let eventsAlreadyThere = 0;
  let sourcePosition = 0;
  const copiedStreams = new Set<string>();
  const progress = (): CopyProgress => ({ eventsRead, eventsCopied, eventsAlreadyThere, streamsRead: targetVersion.size, streamsCopied: copiedStreams.size, sourceHead, sourcePosition });

  try {
    for await (const page of logPages(source, { pageSize })) {
      const fresh = [...new Set(page.map((e) => e.streamId))].filter((id) => !targetVersion.has(id));
      if (targetWasEmpty) for (const id of fresh) targetVersion.set(id, -1);
      else await eachBounded(fresh, opts.concurrency ?? 16, async (id) => void targetVersion.set(id, await checkedTargetVersion(source, target, id)));

      const batch: StreamAppend[] = [];
      for (const run of runsOf(page, target.appendLimit)) {
        const streamId = (run[0] as RecordedEvent).streamId;
        const have = targetVersion.get(streamId) ?? -1;
        const missing = run.filter((e) => e.streamVersion > have);
        eventsAlreadyThere += run.length - missing.length;
        const first = missing[0];
        if (first === undefined) continue;
        if (first.streamVersion !== have + 1)
          throw new MigrationDifferenceError(streamId, first.streamVersion, `the source's log gives version ${first.streamVersion} after version ${have}`);
        const append: StreamAppend = {
          streamId,
          expectedVersion: have,
          events: missing.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata })),
        };
        targetVersion.set(streamId, have + missing.length);
        copiedStreams.add(streamId);
        if (target.atomicBatches) batch.push(append);
        else
          await window.submit({
            streamId,
            ...recordedAt(missing),
            // Each stored event is replayed against the tree in force at its log position, so no event may pass a division-tree event (or part of one).
            alone: streamId === DIVISIONS_STREAM,
            run: async () => {
              await target.appendToStream(append.streamId, append.events, append.expectedVersion);
              eventsCopied += append.events.length;
            },
          });
      }
      if (batch.length > 0) {
        await target.appendBatch(batch);
        eventsCopied += batch.reduce((n, a) => n + a.events.length, 0);
      }
      eventsRead += page.length;
      sourcePosition = (page.at(-1) as RecordedEvent).position;
      opts.onProgress?.(progress());
    }
  } catch (error) {
    // Let the appends already sent settle before the caller closes the stores.
    await window.drain().catch(() => undefined);
    throw error;
  }
  await window.drain();
  const result = { ...progress(), streams: [...targetVersion.keys()] };
  opts.onProgress?.(result);
  return result;
};
