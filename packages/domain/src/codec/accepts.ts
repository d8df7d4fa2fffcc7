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

/** What `closed` validates: an object, no key it does not name, no optional key present but undefined, each field by its codec. */
const closedAccepts = (required: t.Props, optional: t.Props): Accepts => {
  const requiredKeys = Object.keys(required);
  const requiredChecks = requiredKeys.map((k) => acceptsOf(required[k] as t.Mixed));
  const optionalKeys = Object.keys(optional);
  const optionalChecks = optionalKeys.map((k) => acceptsOf(optional[k] as t.Mixed));
  const allowed = new Set([...requiredKeys, ...optionalKeys]);
  return (u) => {
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
};

/** Every index, holes included (a hole is undefined, which no item codec here accepts). */
const arrayAccepts = (item: Accepts, min: number, max: number): Accepts => (u) => {
  if (!Array.isArray(u) || u.length < min || u.length > max) return false;
  for (let i = 0; i < u.length; i++) if (!item(u[i])) return false;
  return true;
};
