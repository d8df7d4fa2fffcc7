import type { Reports } from '@hearth/projections';

const YEARS = [2016, 2017, 2018, 2019, 2020];
const MONTHS = YEARS.flatMap((y) => Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`));
const BACKLOG_DATES = ['2017-01-01', '2018-06-30', '2020-12-31'];

/** Every report of the region, by child of the root: annual clearance per year, monthly and progress tables per month, backlogs. */
export const allFigures = (r: Reports): Record<string, unknown> => ({
  ...Object.fromEntries(YEARS.map((year) => [`clearance ${year}`, r.clearanceReport({ year, byChild: true })])),
  ...Object.fromEntries(MONTHS.map((month) => [`monthly ${month}`, r.monthlyReport({ month, byChild: true })])),
  ...Object.fromEntries(MONTHS.map((month) => [`progress ${month}`, r.progressReport({ month, byChild: true })])),
  ...Object.fromEntries(BACKLOG_DATES.map((asOf) => [`backlog ${asOf}`, r.backlogReport({ asOf })])),
});
