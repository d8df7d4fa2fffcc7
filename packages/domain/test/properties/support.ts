import * as E from 'fp-ts/Either';
import { toCanonicalJson } from '../../src/canonical-json';
import { Decision } from '../../src/household/decision';

/**
 * A plain-JSON picture of a value in which Maps become sorted entry lists and Sets sorted
 * arrays, and undefined members disappear: two values are structurally equal exactly when
 * their pictures are. (JSON.stringify would turn every Map and Set into `{}`.)
 */
export const plain = (value: unknown): unknown => {
  if (value instanceof Map)
    return { '<Map>': [...value.entries()].map(([k, v]) => [plain(k), plain(v)]).sort((a, b) => cmp(canonicalJson(a[0]), canonicalJson(b[0]))) };
  if (value instanceof Set) return { '<Set>': [...value].map(plain).sort((a, b) => cmp(canonicalJson(a), canonicalJson(b))) };
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(v)]));
  return value;
};
/** Canonical JSON of a state or a decision (canonical-json.ts); one without any fails the test. */
const canonicalJson = (value: unknown): string => {
  const text = toCanonicalJson(value);
  if (E.isLeft(text)) throw new Error(`no canonical JSON at ${text.left.path}: ${text.left.reason}`);
  return text.right;
};
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const structurallyEqual = (a: unknown, b: unknown): boolean => canonicalJson(plain(a)) === canonicalJson(plain(b));

/** A decision as a comparable string: the error code, or the events' content. */
export const outcome = (d: Decision): string => (E.isLeft(d) ? `rejected ${d.left.code}` : `accepted ${canonicalJson(d.right)}`);

export const isAccepted = (d: Decision): boolean => E.isRight(d) && d.right.length > 0;

/**
 * The order of the keys of every Map in a value (by path), which `plain` leaves out: a
 * decision that lists entities copies them in their map's order (an identification's
 * eligible members, a clearance's active employments), so two states that decide alike
 * must agree on it too (docs/decisions/0175).
 */
export const keyOrders = (value: unknown, path = '', into: Record<string, unknown[]> = {}): Record<string, unknown[]> => {
  if (value instanceof Map) {
    into[path] = [...value.keys()];
    for (const [k, v] of value) keyOrders(v, `${path}[${String(k)}]`, into);
  } else if (Array.isArray(value)) value.forEach((v, i) => keyOrders(v, `${path}.${i}`, into));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) keyOrders(v, path === '' ? k : `${path}.${k}`, into);
  return into;
};
