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
  if (typeof h?.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(h.sha256) || !Number.isSafeInteger(h.bytes) || h.bytes < 0 || typeof h.mtimeNs !== 'string' || !/^\d+$/.test(h.mtimeNs) || !Array.isArray(h.marks))
    return 'not a fingerprint: sha256, bytes, mtimeNs and marks expected';
  const marks: FileFingerprint['marks'][number][] = [];
  for (const [i, m] of (h.marks as readonly unknown[]).entries()) {
    const mark = markOf(m, marks[i - 1]?.end ?? 0, h.bytes);
    if (typeof mark === 'string') return `prefix mark ${i + 1}: ${mark}`;
    marks.push(mark);
  }
  const last = marks[marks.length - 1];
  const closes = last === undefined ? h.bytes === 0 : last.end === h.bytes && last.digest.toString('hex') === h.sha256;
  if (!closes) return 'its last prefix digest is not its SHA-256 at its size';
  return { sha256: h.sha256, bytes: h.bytes, mtimeNs: BigInt(h.mtimeNs), marks };
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * One prefix mark as handed over, or why not: a part finds where to resume by these marks, so
 * one that is not a SHA-256 at an offset after the one before it, within the file, is refused
 * here rather than met as a crash or a wrong resumption later.
 */
const markOf = (m: unknown, after: number, bytes: number): FileFingerprint['marks'][number] | string => {
  const { end, digest } = (typeof m === 'object' && m !== null ? m : {}) as { end?: unknown; digest?: unknown };
  if (typeof end !== 'number' || !Number.isSafeInteger(end) || end <= after || end > bytes) return `end must be an offset after ${after} and at most ${bytes}`;
  if (typeof digest !== 'string' || !BASE64.test(digest)) return 'digest must be base64';
  const bytesOfDigest = Buffer.from(digest, 'base64');
  if (bytesOfDigest.length !== 32) return 'digest must be a SHA-256 (32 bytes)';
  return { end, digest: bytesOfDigest };
};
