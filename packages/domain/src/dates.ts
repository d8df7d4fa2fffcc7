/**
 * Business dates are ISO strings (`YYYY-MM-DD`), compared as strings: the
 * domain never builds a `Date`, so no time zone or clock can leak into a decision.
 */
/** Plain strings, validated by the codecs at the edge; the aliases document intent. */
export type BusinessDate = string;
export type Month = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

export const isBusinessDate = (s: unknown): s is BusinessDate => {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
};

export const isMonth = (s: unknown): s is Month => {
  if (typeof s !== 'string') return false;
  const m = MONTH_RE.exec(s);
  return m !== null && Number(m[1]) >= 1900 && Number(m[1]) <= 2999 && Number(m[2]) >= 1 && Number(m[2]) <= 12;
};

export const yearOf = (d: BusinessDate | Month): number => Number(d.slice(0, 4));
export const monthOf = (d: BusinessDate): Month => d.slice(0, 7) as Month;
export const firstDayOf = (m: Month): BusinessDate => `${m}-01` as BusinessDate;
export const lastDayOf = (m: Month): BusinessDate =>
  `${m}-${String(daysInMonth(yearOf(m), Number(m.slice(5, 7)))).padStart(2, '0')}` as BusinessDate;
export const endOfYear = (year: number): BusinessDate => `${year}-12-31` as BusinessDate;

export const compareDates = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const maxDate = <D extends string>(a: D | undefined, b: D): D => (a === undefined || a < b ? b : a);

/** Days since 0000-03-01 in the proleptic Gregorian calendar: pure integer arithmetic. */
export const dayNumber = (d: BusinessDate): number => {
  let y = Number(d.slice(0, 4));
  let m = Number(d.slice(5, 7));
  const day = Number(d.slice(8, 10));
  if (m <= 2) {
    y -= 1;
    m += 12;
  }
  return 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + Math.floor((153 * (m - 3) + 2) / 5) + day;
};

export const fromDayNumber = (n: number): BusinessDate => {
  // Inverse of dayNumber by search over the year, then month: cheap and obviously correct.
  let y = Math.floor(n / 365.2425);
  while (dayNumber(`${String(y + 1).padStart(4, '0')}-01-01` as BusinessDate) <= n) y += 1;
  while (dayNumber(`${String(y).padStart(4, '0')}-01-01` as BusinessDate) > n) y -= 1;
  let m = 1;
  while (m < 12 && dayNumber(`${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-01` as BusinessDate) <= n) m += 1;
  const first = dayNumber(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01` as BusinessDate);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(n - first + 1).padStart(2, '0')}` as BusinessDate;
};

export const addDays = (d: BusinessDate, days: number): BusinessDate => fromDayNumber(dayNumber(d) + days);
export const daysBetween = (from: BusinessDate, to: BusinessDate): number => dayNumber(to) - dayNumber(from);

/** The last day of February of a year: the annual survey-update deadline. */
export const endOfFebruary = (year: number): BusinessDate => `${year}-02-${isLeap(year) ? 29 : 28}` as BusinessDate;
