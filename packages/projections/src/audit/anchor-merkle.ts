import { createHash } from 'node:crypto';

/** One stream's head as an anchor records it: the hash of the event at `version` (its last one then). */
export interface StreamHead {
  readonly streamId: string;
  readonly version: number;
  readonly hash: string;
}

/**
 * The leaf bytes of a stream head: the UTF-8 text of the JSON array
 * `["<streamId>",<version>,"<hash>"]` as `JSON.stringify` writes it (no whitespace).
 */
export const leafData = ({ streamId, version, hash }: StreamHead): Buffer => Buffer.from(JSON.stringify([streamId, version, hash]), 'utf8');

/** Heads in the tree's order: ascending by the UTF-8 bytes of the stream id (a stream appears once). */
export const sortHeads = (heads: readonly StreamHead[]): StreamHead[] =>
  [...heads].sort((a, b) => Buffer.compare(Buffer.from(a.streamId, 'utf8'), Buffer.from(b.streamId, 'utf8')));

const sha256 = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** RFC 6962 §2.1's Merkle Tree Hash over leaves[from, to). */
const treeHash = (leaves: readonly Buffer[], from: number, to: number): Buffer => {
  const n = to - from;
  if (n === 0) return sha256();
  if (n === 1) return sha256(LEAF, leaves[from] as Buffer);
  // k: the largest power of two smaller than n, so the left subtree is always complete.
  let k = 1;
  while (k * 2 < n) k *= 2;
  return sha256(NODE, treeHash(leaves, from, from + k), treeHash(leaves, from + k, to));
};

/**
 * The Merkle root over stream heads, as lower-case hex (docs/decisions/0041-log-anchors.md):
 * RFC 6962's Merkle Tree Hash (Certificate Transparency) with SHA-256 — a leaf is
 * `SHA-256(0x00 ‖ leafData)`, a node `SHA-256(0x01 ‖ left ‖ right)` with the left subtree
 * holding the largest power of two of leaves smaller than their count, the empty tree
 * `SHA-256("")` — over the heads sorted by `sortHeads`. Recomputable by a third party
 * from the anchor's `heads` alone.
 */
export const merkleRoot = (heads: readonly StreamHead[]): string => {
  const leaves = sortHeads(heads).map(leafData);
  return treeHash(leaves, 0, leaves.length).toString('hex');
};
