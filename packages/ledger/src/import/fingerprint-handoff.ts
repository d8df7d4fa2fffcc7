import type { FileFingerprint } from './file-fingerprint';

/**
 * A file's fingerprint as one process hands it to another (`hearth import --workers` to its
 * parts, docs/decisions/0172): the parent hashes the file once while the parts start, instead
 * of each part hashing it again. The part still checks every byte it reads against it
 * (VerifiedReread), so a fingerprint of other bytes stops the part, it never decides them.
 */
interface HandedFingerprint {
  readonly sha256: string;
  readonly bytes: number;
  readonly mtimeNs: string;
  readonly marks: readonly { readonly end: number; readonly digest: string }[];
}

export const fingerprintText = (f: FileFingerprint): string =>
  JSON.stringify({ sha256: f.sha256, bytes: f.bytes, mtimeNs: f.mtimeNs.toString(), marks: f.marks.map((m) => ({ end: m.end, digest: m.digest.toString('base64') })) } satisfies HandedFingerprint);

/**
 * The fingerprint a text hands over, or why it is refused: one whose last prefix digest is
 * not its SHA-256 (or does not end at its size) would key the checkpoints by a hash of other
 * bytes than those checked.
 */
export const fingerprintOfText = (text: string): FileFingerprint | string => {
  let h: HandedFingerprint;
  try {
    h = JSON.parse(text) as HandedFingerprint;
  } catch (e) {
    return `not JSON: ${(e as Error).message}`;
  }
  if (typeof h?.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(h.sha256) || !Number.isSafeInteger(h.bytes) || typeof h.mtimeNs !== 'string' || !Array.isArray(h.marks))
    return 'not a fingerprint: sha256, bytes, mtimeNs and marks expected';
  const marks = h.marks.map((m) => ({ end: m.end, digest: Buffer.from(m.digest, 'base64') }));
  const last = marks[marks.length - 1];
  const closes = last === undefined ? h.bytes === 0 : last.end === h.bytes && last.digest.toString('hex') === h.sha256;
  if (!closes) return 'its last prefix digest is not its SHA-256 at its size';
  return { sha256: h.sha256, bytes: h.bytes, mtimeNs: BigInt(h.mtimeNs), marks };
};
