import type { KeyObject } from 'node:crypto';
import type { EventStore } from '@hearth/event-store';
import { publicKeyFingerprint, verifyAnchor, type LogAnchor, type LogFinding } from '@hearth/projections';

/** One anchor as `verify --anchor --json` reports it under `anchors`. */
export interface AnchorCheck {
  readonly file: string;
  readonly madeAt: string;
  readonly headPosition: number;
  readonly digest: string;
  readonly signed: boolean;
  readonly publicKeySha256?: string;
  /** Anomalies this anchor found (listed with the log's, their detail naming the file). */
  readonly anomalies: number;
}

/** undefined for a key that cannot be read (checkSeal names it as an `anchor-signature` anomaly). */
const fingerprintOf = (pem: string): string | undefined => {
  try {
    return publicKeyFingerprint(pem);
  } catch {
    return undefined;
  }
};

/** With a trusted key, an anchor must be signed with it: a key carried by the file alone proves only that someone signed it. */
const trustProblem = (anchor: LogAnchor, trusted: KeyObject | undefined): string | undefined => {
  if (trusted === undefined) return undefined;
  if (anchor.signature === undefined) return 'the anchor is not signed, and a trusted public key was given';
  const expected = publicKeyFingerprint(trusted);
  const actual = fingerprintOf(anchor.signature.publicKey);
  return actual === expected ? undefined : `signed with the key of SHA-256 ${actual ?? '(unreadable)'}, not the trusted key (${expected})`;
};

/** Checks the log against each anchor, in the order given. */
export const checkAnchors = async (
  store: EventStore,
  anchors: readonly { file: string; anchor: LogAnchor }[],
  trusted: KeyObject | undefined,
): Promise<{ anchors: AnchorCheck[]; anomalies: LogFinding[] }> => {
  const checks: AnchorCheck[] = [];
  const anomalies: LogFinding[] = [];
  for (const { file, anchor } of anchors) {
    const found = await verifyAnchor(store, anchor);
    const untrusted = trustProblem(anchor, trusted);
    if (untrusted) found.unshift({ householdId: '(anchor)', position: anchor.headPosition, kind: 'anchor-signature', detail: untrusted });
    anomalies.push(...found.map((f) => ({ ...f, detail: `anchor ${file} (made ${anchor.madeAt}): ${f.detail}` })));
    checks.push({
      file,
      madeAt: anchor.madeAt,
      headPosition: anchor.headPosition,
      digest: anchor.digest,
      signed: anchor.signature !== undefined,
      ...(anchor.signature ? { publicKeySha256: fingerprintOf(anchor.signature.publicKey) ?? '(unreadable)' } : {}),
      anomalies: found.length,
    });
  }
  return { anchors: checks, anomalies };
};
