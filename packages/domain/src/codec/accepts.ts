import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { ClosedType } from './closed';
import { isValidatedByGuard } from './guarded';
import { BoundedArrayType } from './primitives';

/**
 * Whether a codec's `decode` succeeds, answered without building contexts, errors or
 * Eithers: a check compiled once from the codec's own structure (its fields, bounds and
 * guards), so the rules stay where the codec states them. On success io-ts gives back the
 * input itself (nothing in these codecs transforms a value), so an accepted input is its
 * own decoded value; only a refused one needs the codec's full decode, to name its fields.
 * `test/properties/accepts.property.spec.ts` holds it to `decode` on any input.
 */
export type Accepts = (u: unknown) => boolean;

export const acceptsOf = (codec: t.Mixed): Accepts => {
  if (codec instanceof ClosedType) return closedAccepts(codec.required, codec.optional);
  if (codec instanceof BoundedArrayType) return arrayAccepts(acceptsOf(codec.item), codec.min, codec.max);
  if (isValidatedByGuard(codec)) return codec.is;
  // Any other kind of codec: its own decode, slower but never different.
  return (u) => E.isRight(codec.decode(u));
};

const hasOwn = Object.prototype.hasOwnProperty;

const isPlainObject = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** A field of a closed codec: its compiled check, and for an optional one its bit among the optional fields (0 if required). */
interface Field {
  readonly check: Accepts;
  readonly optionalBit: number;
}

/**
 * What `closed` validates: an object, no key it does not name, no optional key present but
 * undefined, each field by its codec. Answered in one `for…in` pass over the input's own
 * enumerable keys, each looked up among the codec's fields, so that reading a field is the
 * loop's own load and an absent optional field costs one `in` (a check per named field read
 * `u[k]` for each: a lookup among many shapes, and for an absent one a walk up the
 * prototype chain and an `in` besides). Where the pass cannot answer as the codec's decode
 * would — an inherited enumerable key, a required field not among the own enumerable keys,
 * an optional one it did not meet that `in` still finds (non-enumerable, or inherited) —
 * the check per named field answers (`byName`), as before.
 */
const closedAccepts = (required: t.Props, optional: t.Props): Accepts => {
  const requiredKeys = Object.keys(required);
  const requiredChecks = requiredKeys.map((k) => acceptsOf(required[k] as t.Mixed));
  const optionalKeys = Object.keys(optional);
  const optionalChecks = optionalKeys.map((k) => acceptsOf(optional[k] as t.Mixed));
  const allowed = new Set([...requiredKeys, ...optionalKeys]);
  const fields = new Map<string, Field>();
  requiredKeys.forEach((k, i) => fields.set(k, { check: requiredChecks[i] as Accepts, optionalBit: 0 }));
  optionalKeys.forEach((k, i) => fields.set(k, { check: optionalChecks[i] as Accepts, optionalBit: 1 << i }));
  const requiredCount = requiredKeys.length;

  const byName: Accepts = (u) => {
    if (!isPlainObject(u)) return false;
    for (const k in u) if (!allowed.has(k) && hasOwn.call(u, k)) return false; // own enumerable keys, as Object.keys, with no array
    for (let i = 0; i < requiredKeys.length; i++) if (!(requiredChecks[i] as Accepts)(u[requiredKeys[i] as string])) return false;
    for (let i = 0; i < optionalKeys.length; i++) {
      const k = optionalKeys[i] as string;
      const v = u[k];
      if (v === undefined ? k in u : !(optionalChecks[i] as Accepts)(v)) return false;
    }
    return true;
  };

  // One bit per optional field in a 32-bit integer: a codec with more (none so far) is checked by name.
  if (optionalKeys.length > 30) return byName;
  return (u) => {
    if (!isPlainObject(u)) return false;
    let requiredSeen = 0;
    let optionalSeen = 0;
    for (const k in u) {
      if (!hasOwn.call(u, k)) return byName(u);
      const field = fields.get(k);
      if (field === undefined) return false;
      const v = u[k];
      if (field.optionalBit === 0) {
        if (!field.check(v)) return false;
        requiredSeen++;
      } else {
        if (v === undefined || !field.check(v)) return false;
        optionalSeen |= field.optionalBit;
      }
    }
    if (requiredSeen !== requiredCount) return byName(u);
    for (let i = 0; i < optionalKeys.length; i++) if ((optionalSeen & (1 << i)) === 0 && (optionalKeys[i] as string) in u) return byName(u);
    return true;
  };
};

/** Every index, holes included (a hole is undefined, which no item codec here accepts). */
const arrayAccepts = (item: Accepts, min: number, max: number): Accepts => (u) => {
  if (!Array.isArray(u) || u.length < min || u.length > max) return false;
  for (let i = 0; i < u.length; i++) if (!item(u[i])) return false;
  return true;
};
