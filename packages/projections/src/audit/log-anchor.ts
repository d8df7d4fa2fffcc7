import type { KeyObject } from 'node:crypto';
import { logPages, type EventStore } from '@hearth/event-store';
import { merkleRoot, sortHeads, type StreamHead } from './anchor-merkle';
import { ANCHOR_FORMAT, ANCHOR_KIND, sealAnchor, type AnchorBody, type LogAnchor } from './anchor-statement';

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
 * head position taken first) are left to the next anchor. A damaged stored event stops
 * it with `DamagedEventError`: an anchor is never made over a log that does not verify.
 */
export const anchorBody = async (store: EventStore, madeAt: string, pageSize = 5000): Promise<AnchorBody> => {
  const headPosition = await store.headPosition();
  const heads = new Map<string, StreamHead>();
  let events = 0;
  for await (const page of logPages(store, { pageSize, upTo: headPosition })) {
    for (const e of page) {
      events += 1;
      const known = heads.get(e.streamId);
      if (known === undefined || e.streamVersion > known.version) heads.set(e.streamId, { streamId: e.streamId, version: e.streamVersion, hash: e.metadata.hash });
    }
  }
  const sorted = sortHeads([...heads.values()]);
  return { anchor: ANCHOR_KIND, format: ANCHOR_FORMAT, madeAt, headPosition, streams: sorted.length, events, merkleRoot: merkleRoot(sorted), heads: sorted };
};

/** `hearth anchor`, `GET /api/anchor`: the anchor of the log now, hashed, and signed when given a key. */
export const anchorLog = async (store: EventStore, opts: AnchorOptions): Promise<LogAnchor> =>
  sealAnchor(await anchorBody(store, opts.madeAt, opts.pageSize), opts.signingKey);
