/**
 * Whether `a` and `b` have the same canonical JSON (canonical-json.ts), without writing
 * either text: the verifier compares every decision it replays with the stored events
 * this way (writing both texts of every decision cost it more than the rest of the
 * replay), idempotent repeats compare contents member by member with it (fingerprint.ts),
 * and a division tree given again is compared with the one in force. Key order does not
 * matter, `undefined` members are dropped, null and `undefined` in an array (a hole
 * reads `undefined`) both write `null`, 0 and -0 both write `0`. What canonical JSON
 * refuses — non-finite numbers, functions, symbols, bigints, `undefined` at the top;
 * never part of a decoded value — compares here as `null`, as `JSON.stringify` writes it
 * in an array; and `toJSON` is not asked (decoded values have none).
 */
const hasOwn = Object.prototype.hasOwnProperty;

/** Values compared as `null`: null itself, and what canonical JSON writes as null or refuses. */
const writesNull = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'number' ? !Number.isFinite(v) : typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint');

export const canonicallyEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (writesNull(a) || writesNull(b)) return writesNull(a) && writesNull(b);
  // Both written as text, a number or a boolean: equal texts only for equal values (=== above).
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!canonicallyEqual(a[i], b[i])) return false;
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
