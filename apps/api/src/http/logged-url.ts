/**
 * A request's URL as the service's log prints it (docs/decisions/0191): the path as sent, and
 * of the query only what an operator needs and no person's words. The log is kept by whoever
 * runs the service, outside the ledger and the personal-data store, so nothing in it can be
 * erased: a purpose that names the person it is about ("caller Ma Li asked for her number"),
 * or a name typed into the wrong parameter, would outlive the erasure of that person's record.
 */

/** An id's characters (domain IdC): divisions and households are named by the ledger's pseudonymous codes. */
const ID = /^[A-Za-z0-9._:-]{1,64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FLAG = /^(true|false)$/;
const COUNT = /^\d{1,16}$/;

/**
 * Parameters whose values are codes (dates, months, years, flags, positions, ids), each with
 * the shape its value is printed in; a value of another shape (a name typed into `asOf`) is
 * withheld, as the route refuses it anyway.
 */
export const CODE_PARAMETERS: ReadonlyMap<string, RegExp> = new Map([
  ['asOf', DATE],
  ['knownAt', /^[0-9T:.Z+-]{10,35}$/],
  ['month', /^\d{4}-\d{2}$/],
  ['year', /^\d{4}$/],
  ['division', ID],
  ['householdId', ID],
  ['byChild', FLAG],
  ['withChildren', FLAG],
  ['notices', COUNT],
  ['after', COUNT],
  ['limit', COUNT],
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

/** One `name=value` of the query as logged: a code parameter's code, decoded, in its shape; a text parameter's name alone; any other `…`. */
const loggedPair = (pair: string): string => {
  const eq = pair.indexOf('=');
  const name = decoded(eq < 0 ? pair : pair.slice(0, eq));
  if (name !== undefined && TEXT_PARAMETERS.has(name)) return `${name}=${WITHHELD}`;
  const shape = name === undefined ? undefined : CODE_PARAMETERS.get(name);
  if (name === undefined || shape === undefined) return WITHHELD;
  if (eq < 0) return name;
  const value = decoded(pair.slice(eq + 1));
  return `${name}=${value !== undefined && shape.test(value) ? value : WITHHELD}`;
};

/** The URL as the log prints it: the path as sent, each query parameter as loggedPair says. */
export const loggedUrl = (url: string | undefined): string => {
  const whole = url ?? '/';
  const q = whole.indexOf('?');
  if (q < 0) return whole;
  const query = whole.slice(q + 1);
  return query === '' ? whole : `${whole.slice(0, q)}?${query.split('&').map(loggedPair).join('&')}`;
};
