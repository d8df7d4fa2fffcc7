import { Day, day, yearOfDay } from '../calendar';

/**
 * The dates the simulated programme runs by: registration in early 2016, the first
 * survey, the baseline cut-off for identification, late applications, and the end of
 * the simulated period. Nothing is scheduled after `END`.
 */
export const START = day('2016-01-04');
export const REGISTRATION_END = day('2016-03-25');
export const SURVEY_END = day('2016-04-20');
export const CUTOFF = day('2016-07-31');
export const END = day('2020-12-31');
/** The calendar years a simulated region's business dates fall in: what a reader of its reports asks for. */
export const SIMULATED_YEARS = { first: yearOfDay(START), last: yearOfDay(END) } as const;
export const LATE_APPLY_FROM = day('2016-08-01');
export const LATE_APPLY_TO = day('2017-09-30');
export const YEAR_START: Readonly<Record<number, Day>> = Object.fromEntries([2016, 2017, 2018, 2019, 2020, 2021].map((y) => [y, day(`${y}-01-01`)]));

/** Share of the baseline the programme plans to clear in each year (the reference policy's targets). */
export const CLEARANCE_YEARS = [2016, 2017, 2018, 2019, 2020] as const;
export const CLEARANCE_SHARES = [0.25, 0.3, 0.2, 0.15, 0.1] as const;
/** The same for households identified after the cut-off: none of them is planned for 2016. */
export const LATE_CLEARANCE_SHARES = [0, 0.35, 0.3, 0.2, 0.15] as const;
