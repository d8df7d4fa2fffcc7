import { logPages, type EventStore } from '@hearth/event-store';

/**
 * The first stream of the target's log that the source does not hold, or undefined when
 * every stream on the target is one of the source's. A target may hold only an earlier,
 * interrupted run of this migration (docs/decisions/0048): a stream of its own means some
 * other store, and copying into it would leave the two logs mixed for good (decision 212),
 * so this is asked before the first append. Read through the port: the target's log, page
 * by page, and each stream it names once on the source.
 */
export const streamNotOnSource = async (source: EventStore, target: EventStore, opts: { pageSize?: number; concurrency?: number } = {}): Promise<string | undefined> => {
  const seen = new Set<string>();
  for await (const page of logPages(target, { pageSize: opts.pageSize ?? 5000 })) {
    const fresh = [...new Set(page.map((e) => e.streamId))].filter((id) => !seen.has(id));
    for (const id of fresh) seen.add(id);
    const missing = await firstMissing(source, fresh, opts.concurrency ?? 16);
    if (missing !== undefined) return missing;
  }
  return undefined;
};

/** The first of `streams` (in their order) that the source does not hold, asking at most `limit` at a time. */
const firstMissing = async (source: EventStore, streams: readonly string[], limit: number): Promise<string | undefined> => {
  for (let i = 0; i < streams.length; i += limit) {
    const chunk = streams.slice(i, i + limit);
    const versions = await Promise.all(chunk.map((id) => source.streamVersion(id)));
    const at = versions.indexOf(-1);
    if (at >= 0) return chunk[at];
  }
  return undefined;
};
