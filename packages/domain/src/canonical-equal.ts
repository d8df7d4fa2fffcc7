/**
 * `canonicalJson(a) === canonicalJson(b)` without writing either text: the verifier
 * compares every decision it replays with the stored events this way (writing both texts
 * of every decision cost it more than the rest of the replay), and idempotent repeats
 * compare contents member by member with it (fingerprint.ts). The rules are
 * canonicalJson's (canonical-json.ts): key order does not matter, `undefined` members are
 * dropped, and null, `undefined` (at the top or in an array), non-finite numbers,
 * functions, symbols and bigints all write `null`; 0 and -0 both write `0`; a hole in
 * an array writes nothing.
 */
const hasOwn = Object.prototype.hasOwnProperty;

/** Values canonicalJson writes as `null`. */
const writesNull = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'number' ? !Number.isFinite(v) : typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint');

export const canonicallyEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (writesNull(a) || writesNull(b)) return writesNull(a) && writesNull(b);
  // Both written as text, a number or a boolean: equal texts only for equal values (=== above).
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      // canonicalJson writes a hole (which `map` skips) as nothing at all: equal only to a hole.
      const here = i in a;
      if (here !== i in b) return false;
      if (here && !canonicallyEqual(a[i], b[i])) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Readonly<Record<string, unknown>>;
  const y = b as Readonly<Record<string, unknown>>;
  // Own enumerable string keys (Object.keys'), without a key array per object.
  let members = 0;
  for (const k in x) {
    if (!hasOwn.call(x, k) || x[k] === undefined) continue;
    if (!hasOwn.call(y, k) || y[k] === undefined || !canonicallyEqual(x[k], y[k])) return false;
    members++;
  }
  for (const k in y) if (hasOwn.call(y, k) && y[k] !== undefined) members--;
  return members === 0;
};
