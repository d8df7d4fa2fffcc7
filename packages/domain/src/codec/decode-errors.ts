import * as t from 'io-ts';
import { wrapsIntersection } from './closed';
import { MAX_ECHO } from './quote-input';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `members.0.birthYear`; empty for the whole value. */
  readonly path: string;
  readonly message: string;
}

/** A key of input as part of a field path: cut like quoteInput, but not quoted. */
const pathKey = (k: string): string => (k.length <= MAX_ECHO ? k : `${k.slice(0, MAX_ECHO)}… (${k.length} characters)`);

const describeValue = (v: unknown): string => {
  if (v === undefined) return 'missing';
  if (typeof v === 'string') return v.length > MAX_ECHO ? `a string of ${v.length} characters` : JSON.stringify(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object' && v !== null) return 'an object';
  return String(v);
};

/** Turns io-ts errors into one message per field, the deepest (most specific) path first. */
export const fieldErrors = (errors: t.Errors): FieldError[] => {
  const byPath = new Map<string, FieldError>();
  for (const e of errors) {
    // Intersections add their member index to the context under the parent's path; skip those.
    const path = e.context
      .filter((entry, i) => {
        const parent = e.context[i - 1]?.type as { _tag?: string } | undefined;
        const isMemberIndex = /^[01]$/.test(entry.key) && (parent?._tag === 'IntersectionType' || wrapsIntersection(parent));
        return i > 0 && !isMemberIndex;
      })
      .map((entry) => pathKey(entry.key))
      .join('.');
    const last = e.context[e.context.length - 1];
    const expected = last ? last.type.name : 'value';
    const message = e.message ?? (e.value === undefined ? `required field is missing (expected ${expected})` : `expected ${expected}, got ${describeValue(e.value)}`);
    if (!byPath.has(path)) byPath.set(path, { path, message });
  }
  return [...byPath.values()].sort((a, b) => b.path.split('.').length - a.path.split('.').length);
};
