import { householdIdOf } from '@hearth/domain';
import type { EventStore } from '@hearth/event-store';
import { merkleRoot, type StreamHead } from './anchor-merkle';
import { checkSeal, type LogAnchor } from './anchor-statement';
import { readablePages } from './readable-pages';
import type { LogFinding } from './finding';

/** What the log holds of what an anchor recorded. */
interface Seen {
  /** Per stream: the highest version at a position up to the anchored head position. */
  readonly versionThen: Map<string, number>;
  /** Per anchored stream: the event now stored at the anchored version. */
  readonly atAnchored: Map<string, { hash: string; position: number }>;
  /** Per stream: the highest version stored now. */
  readonly versionNow: Map<string, number>;
  /** Streams with a damaged row (reported by the log's scan). */
  readonly damaged: Set<string>;
  /** Events at positions up to the anchored head position. */
  eventsThen: number;
}

const who = (streamId: string): string => householdIdOf(streamId) ?? streamId;
const short = (hash: string): string => `${hash.slice(0, 12)}…`;

/** One read of the whole log, page by page, around damaged rows. */
const readLog = async (store: EventStore, anchor: LogAnchor, pageSize: number): Promise<Seen> => {
  const anchored = new Map(anchor.heads.map((h) => [h.streamId, h.version]));
  const seen: Seen = { versionThen: new Map(), atAnchored: new Map(), versionNow: new Map(), damaged: new Set(), eventsThen: 0 };
  for await (const { events, damaged } of readablePages(store, pageSize)) {
    for (const e of events) {
      if (e.position <= anchor.headPosition) {
        seen.eventsThen += 1;
        seen.versionThen.set(e.streamId, Math.max(seen.versionThen.get(e.streamId) ?? -1, e.streamVersion));
      }
      seen.versionNow.set(e.streamId, Math.max(seen.versionNow.get(e.streamId) ?? -1, e.streamVersion));
      if (anchored.get(e.streamId) === e.streamVersion) seen.atAnchored.set(e.streamId, { hash: e.metadata.hash, position: e.position });
    }
    if (damaged) {
      seen.damaged.add(damaged.streamId);
      if (damaged.position <= anchor.headPosition) seen.eventsThen += 1;
    }
  }
  return seen;
};

const headFindings = (anchor: LogAnchor, h: StreamHead, seen: Seen): LogFinding[] => {
  const now = seen.atAnchored.get(h.streamId);
  const where = `version ${h.version} of ${h.streamId}`;
  if (now === undefined) {
    const last = seen.versionNow.get(h.streamId);
    const why = seen.damaged.has(h.streamId)
      ? 'is not readable (a damaged row: see unreadable-event)'
      : last === undefined ? 'is gone: the stream no longer exists' : `is gone: the stream now ends at version ${last}`;
    return [{ householdId: who(h.streamId), position: anchor.headPosition, kind: 'anchor-stream-cut', detail: `${where}, anchored with hash ${short(h.hash)}, ${why}` }];
  }
  if (now.hash !== h.hash)
    return [{ householdId: who(h.streamId), position: now.position, kind: 'anchor-stream-rewritten', detail: `${where} now has hash ${short(now.hash)}, the anchor recorded ${short(h.hash)}: the stream was rewritten up to that version since` }];
  if (now.position > anchor.headPosition)
    return [{ householdId: who(h.streamId), position: now.position, kind: 'anchor-stream-rewritten', detail: `${where} now sits at position ${now.position}, after the anchored head position ${anchor.headPosition}: the log was renumbered since` }];
  const then = seen.versionThen.get(h.streamId) ?? -1;
  if (then > h.version)
    return [{ householdId: who(h.streamId), position: anchor.headPosition, kind: 'anchor-log-changed', detail: `${h.streamId} has version ${then} at a position up to ${anchor.headPosition}, the anchor recorded version ${h.version} as its last: events were inserted before the anchored position` }];
  return [];
};

export interface VerifyAnchorOptions {
  /** Events per read. Default 5000. */
  readonly pageSize?: number;
}

/**
 * Whether the log still extends `anchor` (docs/decisions/0041-log-anchors.md): the anchor
 * is intact (digest, signature when present, root of its own heads); every anchored stream
 * still holds the anchored hash at the anchored version, at a position up to the anchored
 * head; the log reaches the anchored head position and holds exactly the anchored events
 * and streams up to it; and the Merkle root recomputed from the stored hashes at the
 * anchored versions is the anchored root. Each failure is a finding (`anchor-*` kinds).
 */
export const verifyAnchor = async (store: EventStore, anchor: LogAnchor, opts: VerifyAnchorOptions = {}): Promise<LogFinding[]> => {
  const findings: LogFinding[] = checkSeal(anchor).map((p) => ({ householdId: '(anchor)', position: anchor.headPosition, ...p }));
  const head = await store.headPosition();
  if (head < anchor.headPosition)
    findings.push({ householdId: '(log)', position: head + 1, kind: 'anchor-log-cut', detail: `the log now ends at position ${head}, before the anchored head position ${anchor.headPosition}: its last events were removed since` });
  const seen = await readLog(store, anchor, opts.pageSize ?? 5000);
  const anchored = new Set(anchor.heads.map((h) => h.streamId));
  for (const h of anchor.heads) findings.push(...headFindings(anchor, h, seen));
  for (const [streamId, version] of seen.versionThen)
    if (!anchored.has(streamId))
      findings.push({ householdId: who(streamId), position: anchor.headPosition, kind: 'anchor-stream-added', detail: `${streamId} has events (up to version ${version}) at positions up to ${anchor.headPosition} that the anchor does not list: a stream added to the past, or renamed` });
  if (seen.eventsThen !== anchor.events)
    findings.push({
      householdId: '(log)',
      position: anchor.headPosition,
      kind: seen.eventsThen < anchor.events ? 'anchor-log-cut' : 'anchor-log-changed',
      detail: `${seen.eventsThen} events at positions up to ${anchor.headPosition}, the anchor counted ${anchor.events}: events up to the anchored position were ${seen.eventsThen < anchor.events ? 'removed' : 'added'} since`,
    });
  const missing = anchor.heads.filter((h) => !seen.atAnchored.has(h.streamId)).length;
  const root = merkleRoot(anchor.heads.map((h) => ({ ...h, hash: seen.atAnchored.get(h.streamId)?.hash ?? '' })));
  if (root !== anchor.merkleRoot)
    findings.push({
      householdId: '(log)',
      position: anchor.headPosition,
      kind: 'anchor-root-mismatch',
      detail: `the Merkle root of the stored hashes at the anchored versions is ${short(root)}, the anchor's is ${short(anchor.merkleRoot)}${missing > 0 ? ` (${missing} anchored versions are gone)` : ''}`,
    });
  return findings;
};
