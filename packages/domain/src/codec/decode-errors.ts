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

/** The error's path of keys and list indices, without the member indices intersections add. */
const pathsOf = (e: t.ValidationError): t.ContextEntry[] =>
  e.context.filter((entry, i) => {
    const parent = e.context[i - 1]?.type as { _tag?: string } | undefined;
    const isMemberIndex = /^[01]$/.test(entry.key) && (parent?._tag === 'IntersectionType' || wrapsIntersection(parent));
    return i > 0 && !isMemberIndex;
  });

/** One error a path, the deepest (most specific) path first. */
const byDepth = (errors: readonly FieldError[]): FieldError[] => {
  const byPath = new Map<string, FieldError>();
  for (const f of errors) if (!byPath.has(f.path)) byPath.set(f.path, f);
  return [...byPath.values()].sort((a, b) => b.path.split('.').length - a.path.split('.').length);
};

/** Turns io-ts errors into one message per field, the deepest (most specific) path first. */
export const fieldErrors = (errors: t.Errors): FieldError[] =>
  byDepth(
    errors.map((e) => {
      const path = pathsOf(e).map((entry) => pathKey(entry.key)).join('.');
      const last = e.context[e.context.length - 1];
      const expected = last ? last.type.name : 'value';
      return { path, message: e.message ?? (e.value === undefined ? `required field is missing (expected ${expected})` : `expected ${expected}, got ${describeValue(e.value)}`) };
    }),
  );

/**
 * As `fieldErrors`, but quoting nothing the input made up: no refused value, and no key its
 * codec does not have (a closed codec names an unknown key as its path, with `t.never` as
 * its type): the path stops at the object that holds such a key. For a refusal whose words
 * may be kept in the log, where a name typed into a value or a key could never be erased
 * (decision 215): the words are the codec's own, its field names and type names.
 */
export const fieldErrorsQuotingNothing = (errors: t.Errors): FieldError[] =>
  byDepth(
    errors.map((e) => {
      const entries = pathsOf(e);
      const madeUp = entries.findIndex((entry) => entry.type === t.never);
      if (madeUp >= 0) return { path: entries.slice(0, madeUp).map((entry) => pathKey(entry.key)).join('.'), message: 'holds a field it does not have' };
      const last = e.context[e.context.length - 1];
      const expected = last ? last.type.name : 'value';
      return { path: entries.map((entry) => pathKey(entry.key)).join('.'), message: e.value === undefined ? `required field is missing (expected ${expected})` : `not a valid value (expected ${expected})` };
    }),
  );
