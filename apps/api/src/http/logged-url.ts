/**
 * A request's URL as the service's log prints it (docs/decisions/0191): the path as sent, and
 * of the query only what an operator needs and no person's words. The log is kept by whoever
 * runs the service, outside the ledger and the personal-data store, so nothing in it can be
 * erased: a purpose that names the person it is about ("caller Ma Li asked for her number"),
 * or a name typed into the wrong parameter, would outlive the erasure of that person's record.
 */

import { BusinessDateC, IdC, MonthC } from '@hearth/domain';
import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { FlagParamC, KnownAtParamC, NoticeLimitParamC, NoticesParamC, PositionParamC, YearParamC } from '../reads/query-params';

/**
 * Parameters whose values are codes (dates, instants, months, years, flags, positions, ids),
 * each with the codec its routes read it with (reads/query-params.ts): a value is printed only
 * when that codec takes it, so a name typed into `asOf`, which the route refuses, is withheld.
 */
export const CODE_PARAMETERS: ReadonlyMap<string, t.Decoder<unknown, unknown>> = new Map<string, t.Decoder<unknown, unknown>>([
  ['asOf', BusinessDateC],
  ['knownAt', KnownAtParamC],
  ['month', MonthC],
  ['year', YearParamC],
  ['division', IdC],
  ['householdId', IdC],
  ['byChild', FlagParamC],
  ['withChildren', FlagParamC],
  ['notices', NoticesParamC],
  ['after', PositionParamC],
  ['limit', NoticeLimitParamC],
]);

/** Parameters whose values are free text a person typed: named, their value withheld. */
export const TEXT_PARAMETERS: ReadonlySet<string> = new Set(['purpose']);

/** What stands in the log for what it does not print. */
export const WITHHELD = '…';

/** A query component decoded as the service's query parser decodes it (`+` is a space), or undefined when it is not percent-encoding. */
const decoded = (text: string): string | undefined => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
};

/** One `name=value` of the query as logged: a code parameter's code, decoded, when its codec takes it; a text parameter's name alone; any other `…`. */
const loggedPair = (pair: string): string => {
  const eq = pair.indexOf('=');
  const name = decoded(eq < 0 ? pair : pair.slice(0, eq));
  if (name !== undefined && TEXT_PARAMETERS.has(name)) return `${name}=${WITHHELD}`;
  const codec = name === undefined ? undefined : CODE_PARAMETERS.get(name);
  if (name === undefined || codec === undefined) return WITHHELD;
  if (eq < 0) return name;
  const value = decoded(pair.slice(eq + 1));
  return `${name}=${value !== undefined && E.isRight(codec.decode(value)) ? value : WITHHELD}`;
};

/** The URL as the log prints it: the path as sent, each query parameter as loggedPair says. */
export const loggedUrl = (url: string | undefined): string => {
  const whole = url ?? '/';
  const q = whole.indexOf('?');
  if (q < 0) return whole;
  const query = whole.slice(q + 1);
  return query === '' ? whole : `${whole.slice(0, q)}?${query.split('&').map(loggedPair).join('&')}`;
};
