import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { toCanonicalJson } from '../../src/canonical-json';

/**
 * JSON-like values for the properties of content fingerprints and hashes: members that are
 * undefined, keys that are not content or that Object.prototype also has, -0, NaN and
 * Infinity, lone surrogates; and near copies of a value that are often canonically the same.
 */
/** Keys that are not content, keys that clash with Object.prototype, and ordinary ones. */
export const key = fc.constantFrom('a', 'b', 'members', 'type', 'householdId', 'actor', 'note', 'commandId', 'on', 'constructor', 'toString');
const leaf = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer({ min: -2, max: 2 }),
  fc.constantFrom(0, -0, 1.5, 1e21, NaN, Infinity),
  fc.constantFrom('', 'a', 'b', '2016-01-01', '\u2028', '\ud800'),
);
export const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })),
}));
export const fields = fc.dictionary(key, value, { maxKeys: 5 });
export const day = fc.constantFrom('2016-01-01', '2016-01-02');

/** A copy of `v` that is often canonically the same (keys reordered, undefined members added, -0, NaN for null) and sometimes not. */
export const variant = (v: unknown, rnd: () => number): unknown => {
  if (rnd() < 0.04) return changed(v);
  if (Array.isArray(v)) return v.map((x) => (x === undefined && rnd() < 0.3 ? null : variant(x, rnd)));
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v).map(([k, x]): [string, unknown] => [k, variant(x, rnd)]);
    if (rnd() < 0.5) entries.reverse();
    if (rnd() < 0.2) entries.push(['extra', undefined]);
    if (rnd() < 0.1) entries.push([rnd() < 0.5 ? 'note' : 'actor', 'someone']);
    return Object.fromEntries(entries);
  }
  if (v === 0 && rnd() < 0.5) return -0;
  if (v === null && rnd() < 0.2) return NaN;
  return v;
};
const changed = (v: unknown): unknown => {
  if (typeof v === 'string') return `${v}x`;
  if (typeof v === 'number') return Number.isFinite(v) ? v + 1 : 0;
  if (typeof v === 'boolean') return !v;
  if (Array.isArray(v)) return [...v, 1];
  if (typeof v === 'object' && v !== null) return { ...v, zz: 1 };
  return 0;
};
/**
 * The text these properties hold the fast comparisons and fingerprints to: canonical JSON
 * (canonical-json.ts) of the value with what canonical JSON refuses — a non-finite number,
 * a function, `undefined` at the top; never part of a decoded value — standing as null,
 * which is how canonicallyEqual and contentHash read it.
 */
export const canonicalText = (v: unknown): string => {
  const text = toCanonicalJson(refusedAsNull(v) ?? null);
  if (E.isLeft(text)) throw new Error(`no canonical JSON at ${text.left.path}: ${text.left.reason}`);
  return text.right;
};
const refusedAsNull = (v: unknown): unknown => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') return null;
  if (Array.isArray(v)) return v.map(refusedAsNull);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, refusedAsNull(x)]));
  return v;
};

export const random = (seed: number): (() => number) => {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
};
