import { countPathOf, householdsField, INCOME_RECORDS, isHouseholdsField } from './household-fields';

/**
 * Decision 189: a progress row leaves out `h:<path>` where it equals the count at that
 * path — one household behind each event, member or record, as in most cells of a small
 * village — and the reading puts it back. Both directions live here, side by side, so
 * that what the writer leaves out is exactly what every reader restores.
 *
 * The count at a path is its field's value, or for `incomeRecords` the sum of the row's
 * `income.<cents>` fields. A households field is stored when it differs from that count,
 * a 0 included (a count with no household behind it, which only arbitrary deltas make),
 * and left out when equal, zero or not; so a row reads back as the full set of fields
 * it was written from, and equal rows are still equal texts.
 */

/** The count path a stored count field counts in: `income.<cents>` in `incomeRecords`, any other its own name (progress-flows.ts). */
export const pathOfCount = (field: string): string => (field.charCodeAt(0) === 105 && field.startsWith('income.') ? INCOME_RECORDS : field);

/** Per count path, the sum of the counts at it (households fields aside). */
const countsByPath = (fields: Iterable<string>, valueOf: (field: string) => number): Map<string, number> => {
  const sums = new Map<string, number>();
  for (const field of fields) {
    if (isHouseholdsField(field)) continue;
    const path = pathOfCount(field);
    sums.set(path, (sums.get(path) ?? 0) + valueOf(field));
  }
  return sums;
};

/**
 * The households fields a stored row left out, as path → households: for each path
 * with a non-zero count and no `h:<path>` of its own, that count.
 */
export const impliedHouseholds = (stored: Readonly<Record<string, number>>): Map<string, number> => {
  const implied = countsByPath(Object.keys(stored), (field) => stored[field] as number);
  for (const [path, n] of implied) if (n === 0 || stored[householdsField(path)] !== undefined) implied.delete(path);
  return implied;
};

/** A stored row's fields with the households fields it left out put back: the full set of fields it was written from. */
export const expandedRow = (stored: Readonly<Record<string, number>>): Map<string, number> => {
  const fields = new Map<string, number>();
  for (const field of Object.keys(stored)) fields.set(field, stored[field] as number);
  for (const [path, n] of impliedHouseholds(stored)) fields.set(householdsField(path), n);
  return fields;
};

/**
 * The fields of a row as stored, in key order: every non-zero count, and each households
 * field that differs from the count at its path (a households field absent from `counts`
 * is 0). The inverse of `impliedHouseholds`.
 */
export const fieldsToStore = (counts: ReadonlyMap<string, number>): [string, number][] => {
  const sums = countsByPath(counts.keys(), (field) => counts.get(field) as number);
  const kept: [string, number][] = [];
  for (const [field, n] of counts) {
    if (isHouseholdsField(field) ? n !== (sums.get(countPathOf(field)) ?? 0) : n !== 0) kept.push([field, n]);
  }
  for (const [path, n] of sums) {
    if (n !== 0 && !counts.has(householdsField(path))) kept.push([householdsField(path), 0]);
  }
  return kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
};
