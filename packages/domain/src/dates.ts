/**
 * Business dates are ISO strings (`YYYY-MM-DD`), compared as strings: the
 * domain never builds a `Date`, so no time zone or clock can leak into a decision.
 */
/** Plain strings, validated by the codecs at the edge; the aliases document intent. */
export type BusinessDate = string;
export type Month = string;

const MONTH_RE = /^(\d{4})-(\d{2})$/;

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeap(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

/** `YYYY-MM-DD` of ASCII digits, a real calendar date of 1900–2999; read digit by digit (every command has one). */
export const isBusinessDate = (s: unknown): s is BusinessDate => {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  for (const i of DATE_DIGITS) if (!isDigit(s.charCodeAt(i))) return false;
  const y = digits4(s, 0);
  const mo = (s.charCodeAt(5) - 48) * 10 + s.charCodeAt(6) - 48;
  const d = (s.charCodeAt(8) - 48) * 10 + s.charCodeAt(9) - 48;
  return y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
};

const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9] as const;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;

export const isMonth = (s: unknown): s is Month => {
  if (typeof s !== 'string') return false;
  const m = MONTH_RE.exec(s);
  return m !== null && Number(m[1]) >= 1900 && Number(m[1]) <= 2999 && Number(m[2]) >= 1 && Number(m[2]) <= 12;
};

/** A calendar year as text (`YYYY`), of the same range as a date's or a month's, 1900–2999: the year a report is asked for. */
export const isYearText = (s: unknown): s is string => typeof s === 'string' && /^\d{4}$/.test(s) && Number(s) >= 1900 && Number(s) <= 2999;

/**
 * The year of a date or month: read from its four digits (a slice and a parse a call
 * otherwise, and every eligibility check asks); anything else is parsed as before.
 */
export const yearOf = (d: BusinessDate | Month): number =>
  d.length >= 5 && d.charCodeAt(4) === 45 && isDigit(d.charCodeAt(0)) && isDigit(d.charCodeAt(1)) && isDigit(d.charCodeAt(2)) && isDigit(d.charCodeAt(3))
    ? digits4(d, 0)
    : Number(d.slice(0, 4));
export const monthOf = (d: BusinessDate): Month => d.slice(0, 7) as Month;
export const firstDayOf = (m: Month): BusinessDate => `${m}-01` as BusinessDate;
export const lastDayOf = (m: Month): BusinessDate =>
  `${m}-${String(daysInMonth(yearOf(m), Number(m.slice(5, 7)))).padStart(2, '0')}` as BusinessDate;
export const endOfYear = (year: number): BusinessDate => `${year}-12-31` as BusinessDate;

/**
 * A date after every business date a command can carry (they are of years 1900–2999): a
 * household's state or village there is its state or village now, whatever has been recorded.
 */
export const AFTER_EVERY_DATE = '9999-12-31' as BusinessDate;

export const compareDates = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const maxDate = <D extends string>(a: D | undefined, b: D): D => (a === undefined || a < b ? b : a);

/** Days since 0000-03-01 in the proleptic Gregorian calendar: pure integer arithmetic on the digits (no slicing). */
export const dayNumber = (d: BusinessDate): number => {
  let y = digits4(d, 0);
  let m = (d.charCodeAt(5) - 48) * 10 + d.charCodeAt(6) - 48;
  const day = (d.charCodeAt(8) - 48) * 10 + d.charCodeAt(9) - 48;
  if (m <= 2) {
    y -= 1;
    m += 12;
  }
  return 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + Math.floor((153 * (m - 3) + 2) / 5) + day;
};

const digits4 = (s: string, at: number): number =>
  (s.charCodeAt(at) - 48) * 1000 + (s.charCodeAt(at + 1) - 48) * 100 + (s.charCodeAt(at + 2) - 48) * 10 + s.charCodeAt(at + 3) - 48;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Inverse of dayNumber in closed form: 400-year eras of 146,097 days, years starting on 1 March. */
export const fromDayNumber = (n: number): BusinessDate => {
  const z = n - 1;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}` as BusinessDate;
};

export const addDays = (d: BusinessDate, days: number): BusinessDate => fromDayNumber(dayNumber(d) + days);
export const daysBetween = (from: BusinessDate, to: BusinessDate): number => dayNumber(to) - dayNumber(from);

/** The last day of February of a year: the annual survey-update deadline. */
export const endOfFebruary = (year: number): BusinessDate => `${year}-02-${isLeap(year) ? 29 : 28}` as BusinessDate;

/**
 * A date of years 0000–9999 as one integer below 2^22, in the dates' order: `(year · 12 +
 * month − 1) · 32 + day`, from the digits with integer arithmetic only (no `Math`, no
 * global read: the fold calls it per event, and jest's `vm` realm makes a global read slow,
 * household/content-hash.ts). What a packed commandId trace keeps of its date
 * (household/command-trace.ts); `fromDateCode` gives the date back.
 */
export const dateCode = (d: BusinessDate): number => {
  const y = digits4(d, 0);
  const m = (d.charCodeAt(5) - 48) * 10 + d.charCodeAt(6) - 48;
  const day = (d.charCodeAt(8) - 48) * 10 + d.charCodeAt(9) - 48;
  return (y * 12 + m - 1) * 32 + day;
};

export const fromDateCode = (n: number): BusinessDate => {
  const ym = (n - (n & 31)) / 32;
  const m = (ym % 12) + 1;
  const y = (ym - m + 1) / 12;
  const yyyy = y < 10 ? `000${y}` : y < 100 ? `00${y}` : y < 1000 ? `0${y}` : `${y}`;
  return `${yyyy}-${pad2(m)}-${pad2(n & 31)}` as BusinessDate;
};
