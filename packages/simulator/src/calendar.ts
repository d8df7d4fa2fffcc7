import { dayNumber, fromDayNumber } from '@hearth/domain';

/**
 * Business dates inside the simulator are small integers: days since 2015-01-01.
 * A table turns them into `YYYY-MM-DD` / `YYYY-MM` strings without any Date object,
 * so date arithmetic is integer addition and formatting is an array lookup.
 */
const EPOCH = dayNumber('2015-01-01');
const LAST = dayNumber('2022-12-31') - EPOCH;

const DATES: string[] = [];
const MONTHS: string[] = [];
const YEARS: number[] = [];
for (let d = 0; d <= LAST; d++) {
  const s = fromDayNumber(EPOCH + d);
  DATES.push(s);
  MONTHS.push(s.slice(0, 7));
  YEARS.push(Number(s.slice(0, 4)));
}

export type Day = number;

export const day = (iso: string): Day => {
  const d = dayNumber(iso) - EPOCH;
  if (d < 0 || d > LAST) throw new RangeError(`date ${iso} is outside the simulator's calendar`);
  return d;
};
export const isoDate = (d: Day): string => DATES[d] as string;
export const isoMonth = (d: Day): string => MONTHS[d] as string;
export const yearOfDay = (d: Day): number => YEARS[d] as number;
/** The first day of the month that follows the month of `d`. */
export const firstOfNextMonth = (d: Day): Day => {
  const m = MONTHS[d];
  let x = d;
  while (MONTHS[x] === m) x++;
  return x;
};
export const firstOfMonth = (d: Day): Day => d - (Number((DATES[d] as string).slice(8, 10)) - 1);
export const jan1 = (year: number): Day => day(`${year}-01-01`);
