import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '@hearth/event-store';
import { merkleRoot, type StreamHead } from './anchor-merkle';

/** What the statement says it is, so a file of another kind is refused by name. */
export const ANCHOR_KIND = 'hearth-log-anchor';
export const ANCHOR_FORMAT = 1;

/** The state of the log an anchor records (docs/decisions/0041-log-anchors.md). */
export interface AnchorBody {
  readonly anchor: typeof ANCHOR_KIND;
  readonly format: typeof ANCHOR_FORMAT;
  /** When it was made (ISO 8601, UTC). */
  readonly madeAt: string;
  /** The position of the log's last event then (0 for an empty log). */
  readonly headPosition: number;
  readonly streams: number;
  /** Events at positions up to `headPosition`. */
  readonly events: number;
  /** `merkleRoot(heads)`, hex. */
  readonly merkleRoot: string;
  /** Every stream's last version and its hash then, sorted by stream id. */
  readonly heads: readonly StreamHead[];
}

export interface AnchorSignature {
  readonly algorithm: 'ed25519';
  /** The signer's public key, SPKI PEM. Trust it only once compared with a copy kept elsewhere. */
  readonly publicKey: string;
  /** Base64 Ed25519 signature over the same bytes as `digest`. */
  readonly value: string;
}

/** An anchor as published: its body, the SHA-256 of the body's canonical JSON, and an optional signature. */
export interface LogAnchor extends AnchorBody {
  readonly digest: string;
  readonly signature?: AnchorSignature;
}

/** The bytes the digest and the signature cover: the canonical JSON (sorted keys, no whitespace) of everything but `digest` and `signature`. */
export const anchorBytes = (anchor: AnchorBody): Buffer => {
  const { anchor: kind, format, madeAt, headPosition, streams, events, merkleRoot: root, heads } = anchor;
  return Buffer.from(canonicalJson({ anchor: kind, format, madeAt, headPosition, streams, events, merkleRoot: root, heads }), 'utf8');
};

export const anchorDigest = (anchor: AnchorBody): string => createHash('sha256').update(anchorBytes(anchor)).digest('hex');

/** SHA-256 of the public key's DER (SPKI) bytes, hex: what an auditor compares with a copy of the key kept elsewhere. */
export const publicKeyFingerprint = (publicKey: KeyObject | string): string =>
  createHash('sha256')
    .update((typeof publicKey !== 'string' && publicKey.type === 'public' ? publicKey : createPublicKey(publicKey)).export({ type: 'spki', format: 'der' }))
    .digest('hex');

export class AnchorKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnchorKeyError';
  }
}

/** Adds the digest, and with `signingKey` (an Ed25519 private key) the signature and the public key. */
export const sealAnchor = (body: AnchorBody, signingKey?: KeyObject): LogAnchor => {
  const digest = anchorDigest(body);
  if (signingKey === undefined) return { ...body, digest };
  if (signingKey.type !== 'private' || signingKey.asymmetricKeyType !== 'ed25519')
    throw new AnchorKeyError(`the anchor key must be an Ed25519 private key, not ${signingKey.type} ${signingKey.asymmetricKeyType ?? 'secret'}`);
  const publicKey = createPublicKey(signingKey).export({ type: 'spki', format: 'pem' }).toString();
  return { ...body, digest, signature: { algorithm: 'ed25519', publicKey, value: sign(null, anchorBytes(body), signingKey).toString('base64') } };
};

/** What is wrong with an anchor itself, before the log is looked at. */
export interface SealProblem {
  readonly kind: 'anchor-digest' | 'anchor-signature' | 'anchor-inconsistent';
  readonly detail: string;
}

const signatureProblem = (anchor: LogAnchor, signature: AnchorSignature): string | undefined => {
  let key: KeyObject;
  try {
    key = createPublicKey(signature.publicKey);
  } catch (error) {
    return `its public key cannot be read: ${(error as Error).message}`;
  }
  if (key.asymmetricKeyType !== 'ed25519') return `its public key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`;
  return verify(null, anchorBytes(anchor), key, Buffer.from(signature.value, 'base64'))
    ? undefined
    : 'the signature does not match the statement: it was changed after it was signed, or signed with another key';
};

/**
 * Checks the anchor against itself: the digest against its content, the signature (when
 * present) against its public key, and the root and the stream count against its heads.
 */
export const checkSeal = (anchor: LogAnchor): SealProblem[] => {
  const problems: SealProblem[] = [];
  const digest = anchorDigest(anchor);
  if (digest !== anchor.digest) problems.push({ kind: 'anchor-digest', detail: `the statement's SHA-256 is ${digest}, not the digest it carries (${anchor.digest}): it was edited after it was made` });
  if (anchor.signature) {
    const problem = signatureProblem(anchor, anchor.signature);
    if (problem) problems.push({ kind: 'anchor-signature', detail: problem });
  }
  const root = merkleRoot(anchor.heads);
  if (root !== anchor.merkleRoot) problems.push({ kind: 'anchor-inconsistent', detail: `the Merkle root of its own heads is ${root}, not the root it carries (${anchor.merkleRoot})` });
  if (anchor.heads.length !== anchor.streams) problems.push({ kind: 'anchor-inconsistent', detail: `it lists ${anchor.heads.length} stream heads but counts ${anchor.streams} streams` });
  return problems;
};
