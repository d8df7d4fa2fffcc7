import * as t from 'io-ts';
import { BusinessDate, isBusinessDate, isMonth, Month } from '../dates';
import { validatesByGuard } from './guarded';

/** io-ts codecs for the field types of domain.md §4 "Field types". */

/**
 * A codec that validates exactly by its guard (`is` true: the value itself; false: one
 * error at the value's path), registered as such so that `acceptsOf` (accepts.ts) can
 * use the guard alone.
 */
const guarded = <A extends O, O>(name: string, is: (u: unknown) => u is A): t.Type<A, O, unknown> =>
  validatesByGuard(new t.Type<A, O, unknown>(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c)), (a) => a));

export const BusinessDateC = guarded<BusinessDate, string>(
  'BusinessDate (YYYY-MM-DD, a real calendar date)',
  isBusinessDate,
);

export const MonthC = guarded<Month, string>(
  'Month (YYYY-MM)',
  isMonth,
);

export type Id = string;
/** [A-Za-z0-9._:-] as a table of ASCII codes: a loop over it checks an id in about half a regular expression's time. */
const ID_CHARS = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-') ID_CHARS[ch.charCodeAt(0)] = 1;
const isId = (u: unknown): u is Id => {
  if (typeof u !== 'string' || u.length < 1 || u.length > 64) return false;
  for (let i = 0; i < u.length; i++) {
    const code = u.charCodeAt(i);
    if (code > 127 || ID_CHARS[code] === 0) return false;
  }
  return true;
};
export const IdC = guarded<Id, string>(
  'Id (1..64 characters of [A-Za-z0-9._:-])',
  isId,
);

export const MAX_TEXT = 500;
export type Text = string;
/**
 * Whether `u` holds at most `max` characters, as domain.md counts them and as an OpenAPI
 * schema's maxLength means: a character outside the Basic Multilingual Plane (an emoji, a
 * rare CJK character) is two UTF-16 units of `length`. The one rule for every text limit
 * (the ledger's free text, the personal-data store's fields and purposes). Counted only
 * for a text longer than `max` units, which at most 2 × `max` units can still be.
 */
export const hasAtMostCharacters = (u: string, max: number): boolean => {
  if (u.length <= max) return true;
  if (u.length > 2 * max) return false;
  let n = u.length;
  for (let i = 0; i < u.length - 1 && n > max; i++) {
    const hi = u.charCodeAt(i);
    const lo = u.charCodeAt(i + 1);
    if (hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) {
      n--;
      i++;
    }
  }
  return n <= max;
};
const isText = (u: unknown): u is Text => typeof u === 'string' && hasAtMostCharacters(u, MAX_TEXT);
export const TextC = guarded<Text, string>(
  `Text (at most ${MAX_TEXT} characters)`,
  isText,
);

export type Money = number;
export const MAX_MONEY = 1e12;
/**
 * Two decimals at most, checked on the number's shortest decimal representation
 * (what JSON.stringify writes back): 100.999999999 and 0.1 + 0.2 are refused, and no
 * tolerance on the cent value lets near-misses through. A whole number up to MAX_MONEY is
 * written in plain digits (exponents start at 1e21), so it passes without being written.
 */
const isMoney = (u: unknown): u is Money =>
  typeof u === 'number' && Number.isFinite(u) && u >= 0 && u <= MAX_MONEY && (Number.isInteger(u) || /^\d+(?:\.\d{1,2})?$/.test(String(u)));
export const MoneyC = guarded<Money, number>(
  'Money (a non-negative number with at most two decimals)',
  isMoney,
);

export type BirthYear = number;
const isBirthYear = (u: unknown): u is BirthYear => typeof u === 'number' && Number.isInteger(u) && u >= 1900 && u <= 2100;
export const BirthYearC = guarded<BirthYear, number>(
  'BirthYear (an integer 1900..2100)',
  isBirthYear,
);

export type PositiveInt = number;
const isPositiveInt = (u: unknown): u is PositiveInt => typeof u === 'number' && Number.isInteger(u) && u >= 1 && u <= 1000;
export const PositiveIntC = guarded<PositiveInt, number>(
  'PositiveInt (an integer 1..1000)',
  isPositiveInt,
);

/** A string enumeration that keeps its values (for tools that describe the codec, such as OpenAPI). */
export class OneOfType<V extends string> extends t.Type<V, string, unknown> {
  readonly _tag = 'OneOfType' as const;
  constructor(name: string, is: t.Is<V>, readonly values: readonly V[]) {
    super(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c)), (a) => a);
  }
}

/** A string enumeration whose name lists its values, so errors tell the caller what is allowed. */
export const oneOf = <V extends string>(values: readonly V[], name?: string): OneOfType<V> => {
  const set = new Set<string>(values);
  const is = (u: unknown): u is V => typeof u === 'string' && set.has(u);
  return new OneOfType<V>(name ?? values.join('|'), is, values);
};

/** An array with bounds on its length that keeps its item codec and bounds (for tools that describe it). */
export class BoundedArrayType<C extends t.Mixed> extends t.Type<t.TypeOf<C>[], t.OutputOf<C>[], unknown> {
  readonly _tag = 'BoundedArrayType' as const;
  constructor(
    readonly item: C,
    readonly min: number,
    readonly max: number,
  ) {
    super(
      `Array<${item.name}> (${min}..${max} items)`,
      (u): u is t.TypeOf<C>[] => Array.isArray(u) && u.length >= min && u.length <= max && u.every(item.is),
      (u, c) => {
        if (!Array.isArray(u) || u.length < min || u.length > max) return t.failure(u, c);
        return t.array(item).validate(u, c);
      },
      (a) => a.map(item.encode),
    );
  }
}

/** An array that must hold at most `max` items (guards memory against hostile input). */
export const boundedArray = <C extends t.Mixed>(item: C, max: number, min = 0): BoundedArrayType<C> => new BoundedArrayType(item, min, max);
