import { logPages, type EventStore } from '@hearth/event-store';
import { eventDifference } from './event-difference';

export interface StoreDifference {
  readonly streamId: string;
  /** The first version that differs (-1 for a stream the source does not have). */
  readonly streamVersion: number;
  readonly detail: string;
}

export interface StoreComparison {
  readonly streams: number;
  readonly events: number;
  /** At most one per stream (its first difference), in the source's stream order. */
  readonly differences: readonly StoreDifference[];
}

/**
 * Compares the target with the source event for event: every stream of the source (as
 * `streams` lists them) must be on the target with the same events at the same versions
 * (id, type, data, metadata), and the target must hold no other stream. Positions are
 * not compared: they are each store's own.
 */
export const compareStores = async (
  source: EventStore,
  target: EventStore,
  streams: readonly string[],
  opts: { concurrency?: number; pageSize?: number; onProgress?: (p: { streamsCompared: number; streams: number }) => void } = {},
): Promise<StoreComparison> => {
  const found = new Map<string, StoreDifference>();
  let events = 0;
  let compared = 0;
  let next = 0;
  const compareOne = async (streamId: string): Promise<void> => {
    const [mine, theirs] = await Promise.all([source.readStream(streamId), target.readStream(streamId)]);
    events += mine.length;
    const length = Math.max(mine.length, theirs.length);
    for (let version = 0; version < length; version++) {
      const a = mine[version];
      const b = theirs[version];
      const detail = a === undefined || b === undefined ? `the target holds ${theirs.length} events, the source ${mine.length}` : eventDifference(a, b);
      if (detail !== undefined) {
        found.set(streamId, { streamId, streamVersion: version, detail });
        return;
      }
    }
  };
  const worker = async (): Promise<void> => {
    while (next < streams.length) {
      await compareOne(streams[next++] as string);
      compared += 1;
      opts.onProgress?.({ streamsCompared: compared, streams: streams.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 16, streams.length) }, worker));

  const known = new Set(streams);
  const foreign = new Map<string, StoreDifference>();
  for await (const page of logPages(target, { pageSize: opts.pageSize ?? 5000 }))
    for (const e of page)
      if (!known.has(e.streamId) && !foreign.has(e.streamId))
        foreign.set(e.streamId, { streamId: e.streamId, streamVersion: -1, detail: 'the stream is on the target only' });
  const differences = [...streams.flatMap((id) => found.get(id) ?? []), ...foreign.values()];
  return { streams: streams.length, events, differences };
};
