import * as E from 'fp-ts/Either';
import { isBusinessDate, isMonth, POLICY_RANGES } from '@hearth/domain';
import { isKnownAt, parseKnownAt, type KnownAt } from '@hearth/projections';
import { InvalidQueryError } from './invalid-query-error';

/** The checks the CLI makes on its options, for callers that did not make them at their own edge. */

export const checkYear = (year: unknown): void => {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 9999)
    throw new InvalidQueryError('year', `year must be a four-digit year, got ${JSON.stringify(year)}`);
};

export const checkMonth = (month: unknown): void => {
  if (!isMonth(month)) throw new InvalidQueryError('month', `month must be YYYY-MM, got ${JSON.stringify(month)}`);
};

export const checkDate = (field: string, date: unknown): void => {
  if (!isBusinessDate(date)) throw new InvalidQueryError(field, `${field} must be a date (YYYY-MM-DD), got ${JSON.stringify(date)}`);
};

/**
 * A recording-time instant (docs/decisions/0154): one an edge already read (the API's route) is
 * taken as it is, so a request reads its text once; text is read as the CLI's `--known-at` is.
 */
export const checkKnownAt = (knownAt: unknown): KnownAt => {
  if (isKnownAt(knownAt)) return knownAt;
  const parsed = parseKnownAt(knownAt);
  if (E.isLeft(parsed)) throw new InvalidQueryError('knownAt', `knownAt ${parsed.left}`);
  return parsed.right;
};

export const checkDivision = (division: unknown, field = 'division'): void => {
  if (division !== undefined && (typeof division !== 'string' || division === ''))
    throw new InvalidQueryError(field, `${field} must be a division code, got ${JSON.stringify(division)}`);
};

/** Which report table (`ReportTablesQuery`). */
export const checkReportTable = (report: unknown): void => {
  if (report !== 'clearance' && report !== 'monthly' && report !== 'progress')
    throw new InvalidQueryError('report', `report must be "clearance", "monthly" or "progress", got ${JSON.stringify(report)}`);
};

/** A month (YYYY-MM) of `year`. */
export const checkMonthOfYear = (field: string, month: unknown, year: number): void => {
  if (!isMonth(month) || !month.startsWith(`${year}-`)) throw new InvalidQueryError(field, `${field} must be a month of ${year} (YYYY-MM), got ${JSON.stringify(month)}`);
};

/** A disclosure threshold in the policy's range (`suppressBelow`). */
export const checkSuppressBelow = (below: unknown): void => {
  const { min, max } = POLICY_RANGES.suppressBelow;
  if (typeof below !== 'number' || !Number.isInteger(below) || below < min || below > max)
    throw new InvalidQueryError('suppressBelow', `suppressBelow must be a whole number from ${min} to ${max}, got ${JSON.stringify(below)}`);
};
