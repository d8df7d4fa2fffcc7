import type { KeyObject } from 'node:crypto';
import { checkLinks, DamagedEventError, GENESIS_HASH, hashFormatOf, logPages, type EventStore, type RecordedEvent } from '@hearth/event-store';
import { merkleRoot, sortHeads, type StreamHead } from './anchor-merkle';
import { ANCHOR_FORMAT, ANCHOR_KIND, sealAnchor, type AnchorBody, type LogAnchor } from './anchor-statement';
import { versionOutOfPlace } from './version-in-place';

export interface AnchorOptions {
  /** When the anchor is made (ISO 8601): the caller's clock. */
  readonly madeAt: string;
  /** An Ed25519 private key: the anchor is then signed too. */
  readonly signingKey?: KeyObject;
  /** Events per read. Default 5000. */
  readonly pageSize?: number;
}

/**
 * The state of the log up to its head position now: every stream's last version and
 * hash, read once through the port, page by page. Events appended meanwhile (after the
 * head position taken first) are left to the next anchor. A damaged stored event, or one
 * that breaks its stream's hash chain (edited, removed, inserted or reordered since it was
 * sealed: `checkLinks`, the chain's one home), stops it with `DamagedEventError`: an anchor
 * kept outside the store must not vouch for a state `verify` would refuse (decision 213).
 * The rest of verify (replaying households, the order of the log) is verify's.
 */
export const anchorBody = async (store: EventStore, madeAt: string, pageSize = 5000): Promise<AnchorBody> => {
  const headPosition = await store.headPosition();
  const heads = new Map<string, StreamHead>();
  /** Each stream's last hash format: a later event sealed in an older one hides an edit (checkLinks' format-downgrade). */
  const formats = new Map<string, number>();
  let events = 0;
  for await (const page of logPages(store, { pageSize, upTo: headPosition })) {
    for (const e of page) {
      events += 1;
      const known = heads.get(e.streamId);
      refuseABrokenLink(e, known, formats.get(e.streamId) ?? 1);
      formats.set(e.streamId, hashFormatOf(e.metadata) ?? 1);
      heads.set(e.streamId, { streamId: e.streamId, version: e.streamVersion, hash: e.metadata.hash });
    }
  }
  const sorted = sortHeads([...heads.values()]);
  return { anchor: ANCHOR_KIND, format: ANCHOR_FORMAT, madeAt, headPosition, streams: sorted.length, events, merkleRoot: merkleRoot(sorted), heads: sorted };
};

/** The event must follow the stream's head so far, one version on, linked to its hash, its own hash its content's. */
const refuseABrokenLink = (e: RecordedEvent, head: StreamHead | undefined, formerFormat: number): void => {
  const off = versionOutOfPlace(e, head === undefined ? 0 : head.version + 1);
  if (off !== undefined) throw new DamagedEventError(e.position, e.streamId, `${off}: events were removed, renumbered or reordered; no anchor is made over it`);
  const [check] = checkLinks([e], head?.hash ?? GENESIS_HASH, undefined, formerFormat);
  if (check !== undefined && !check.ok) throw new DamagedEventError(e.position, e.streamId, `${check.detail} (${check.reason}); no anchor is made over it`);
};

/** `hearth anchor`, `GET /api/anchor`: the anchor of the log now, hashed, and signed when given a key. */
export const anchorLog = async (store: EventStore, opts: AnchorOptions): Promise<LogAnchor> =>
  sealAnchor(await anchorBody(store, opts.madeAt, opts.pageSize), opts.signingKey);
