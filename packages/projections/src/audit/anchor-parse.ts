import { ANCHOR_FORMAT, ANCHOR_KIND, type AnchorSignature, type LogAnchor } from './anchor-statement';
import type { StreamHead } from './anchor-merkle';

export type ParsedAnchor = { ok: true; anchor: LogAnchor } | { ok: false; problem: string };

const HEX64 = /^[0-9a-f]{64}$/;
const KEYS = ['anchor', 'format', 'madeAt', 'headPosition', 'streams', 'events', 'merkleRoot', 'heads', 'digest', 'signature'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

class Malformed extends Error {}
const need = (ok: boolean, problem: string): void => {
  if (!ok) throw new Malformed(problem);
};

const head = (v: unknown, i: number): StreamHead => {
  need(isRecord(v), `heads[${i}] is not an object`);
  const { streamId, version, hash, ...extra } = v as Record<string, unknown>;
  need(typeof streamId === 'string' && streamId !== '', `heads[${i}].streamId is not a non-empty string`);
  need(isCount(version), `heads[${i}].version is not a whole number ≥ 0`);
  need(typeof hash === 'string' && HEX64.test(hash), `heads[${i}].hash is not 64 lower-case hex digits`);
  need(Object.keys(extra).length === 0, `heads[${i}] has unknown fields: ${Object.keys(extra).join(', ')}`);
  return { streamId: streamId as string, version: version as number, hash: hash as string };
};

const signature = (v: unknown): AnchorSignature => {
  need(isRecord(v), 'signature is not an object');
  const { algorithm, publicKey, value, ...extra } = v as Record<string, unknown>;
  need(algorithm === 'ed25519', 'signature.algorithm is not "ed25519"');
  need(typeof publicKey === 'string' && publicKey.includes('PUBLIC KEY'), 'signature.publicKey is not a PEM public key');
  need(typeof value === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(value), 'signature.value is not base64');
  need(Object.keys(extra).length === 0, `signature has unknown fields: ${Object.keys(extra).join(', ')}`);
  return { algorithm: 'ed25519', publicKey: publicKey as string, value: value as string };
};

/**
 * Reads an anchor statement (the JSON of `hearth anchor`), field by field. A field this
 * code does not know is refused rather than ignored: it would be trusted without being
 * checked. Whether the statement is genuine is `checkSeal`'s question, not this one.
 */
export const parseAnchor = (value: unknown): ParsedAnchor => {
  try {
    need(isRecord(value), 'it is not a JSON object');
    const v = value as Record<string, unknown>;
    need(v['anchor'] === ANCHOR_KIND, `"anchor" is not "${ANCHOR_KIND}"`);
    need(v['format'] === ANCHOR_FORMAT, `"format" is ${JSON.stringify(v['format'])}; this code reads format ${ANCHOR_FORMAT}`);
    const unknown = Object.keys(v).filter((k) => !KEYS.includes(k));
    need(unknown.length === 0, `unknown fields: ${unknown.join(', ')}`);
    need(typeof v['madeAt'] === 'string' && !Number.isNaN(Date.parse(v['madeAt'] as string)), '"madeAt" is not a date and time');
    for (const k of ['headPosition', 'streams', 'events']) need(isCount(v[k]), `"${k}" is not a whole number ≥ 0`);
    for (const k of ['merkleRoot', 'digest']) need(typeof v[k] === 'string' && HEX64.test(v[k] as string), `"${k}" is not 64 lower-case hex digits`);
    need(Array.isArray(v['heads']), '"heads" is not an array');
    const heads = (v['heads'] as unknown[]).map(head);
    const ids = new Set(heads.map((h) => h.streamId));
    need(ids.size === heads.length, '"heads" lists a stream twice');
    const anchor: LogAnchor = {
      anchor: ANCHOR_KIND,
      format: ANCHOR_FORMAT,
      madeAt: v['madeAt'] as string,
      headPosition: v['headPosition'] as number,
      streams: v['streams'] as number,
      events: v['events'] as number,
      merkleRoot: v['merkleRoot'] as string,
      heads,
      digest: v['digest'] as string,
      ...(v['signature'] === undefined ? {} : { signature: signature(v['signature']) }),
    };
    return { ok: true, anchor };
  } catch (error) {
    if (error instanceof Malformed) return { ok: false, problem: error.message };
    throw error;
  }
};
