/**
 * A request's URL as the service's log prints it (docs/decisions/0191): the path as sent, and
 * of the query only what an operator needs and no person's words. The log is kept by whoever
 * runs the service, outside the ledger and the personal-data store, so nothing in it can be
 * erased: a purpose that names the person it is about ("caller Ma Li asked for her number"),
 * or a name typed into the wrong parameter, would outlive the erasure of that person's record.
 */

/** Parameters whose values are codes (dates, months, years, flags, positions, ids): printed when they look like one. */
export const CODE_PARAMETERS: ReadonlySet<string> = new Set(['asOf', 'knownAt', 'month', 'year', 'division', 'byChild', 'withChildren', 'notices', 'after', 'limit', 'householdId']);

/** Parameters whose values are free text a person typed: named, their value withheld. */
export const TEXT_PARAMETERS: ReadonlySet<string> = new Set(['purpose']);

/** What stands in the log for what it does not print. */
export const WITHHELD = '…';

/** A code as every code parameter writes it (an id's characters, domain IdC); a value with a space or anything else is withheld. */
const CODE = /^[A-Za-z0-9._:-]{1,64}$/;

/** A query component decoded as the service's query parser decodes it (`+` is a space), or undefined when it is not percent-encoding. */
const decoded = (text: string): string | undefined => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
};

/** One `name=value` of the query as logged: a code parameter's code as is, a text parameter's name alone, any other `…`. */
const loggedPair = (pair: string): string => {
  const eq = pair.indexOf('=');
  const name = decoded(eq < 0 ? pair : pair.slice(0, eq));
  if (name !== undefined && TEXT_PARAMETERS.has(name)) return `${name}=${WITHHELD}`;
  if (name === undefined || !CODE_PARAMETERS.has(name)) return WITHHELD;
  if (eq < 0) return name;
  const value = decoded(pair.slice(eq + 1));
  return `${name}=${value !== undefined && CODE.test(value) ? value : WITHHELD}`;
};

/** The URL as the log prints it: the path as sent, each query parameter as loggedPair says. */
export const loggedUrl = (url: string | undefined): string => {
  const whole = url ?? '/';
  const q = whole.indexOf('?');
  if (q < 0) return whole;
  const query = whole.slice(q + 1);
  return query === '' ? whole : `${whole.slice(0, q)}?${query.split('&').map(loggedPair).join('&')}`;
};
