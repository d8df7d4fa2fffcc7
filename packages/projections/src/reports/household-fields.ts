/**
 * Decision 186: beside each count of the progress table, the number of distinct households
 * contributing to it, stored in the same per-village row under `h:<count path>` (a prefix no
 * count's column begins with) and read back apart from the counts, so that no served key
 * changes; a row leaves the field out where it equals its count (implied-households.ts,
 * decision 189). A count path is the dotted name disclosure control gives the cell
 * (`membersSurveyed`, `trainingsOffered.basic`, `incomeRecords`).
 */
export const HOUSEHOLDS_PREFIX = 'h:';

/** The count path an income record counts in: each record adds one to `income.<cents>`, shown as `incomeRecords`. */
export const INCOME_RECORDS = 'incomeRecords';

const names = new Map<string, string>();

/** Bounded as progress-fields.ts's names are: the paths are the domain's closed lists. */
const NAMES_KEPT = 4_096;

/** `h:<path>`: the stored field counting the households behind the count at `path`, made once a path. */
export const householdsField = (path: string): string => {
  let name = names.get(path);
  if (name === undefined) {
    name = `${HOUSEHOLDS_PREFIX}${path}`;
    if (names.size < NAMES_KEPT) names.set(path, name);
  }
  return name;
};

/** Whether a stored field counts households (`h:…`) rather than members, events or records: by its first character, `h`. */
export const isHouseholdsField = (field: string): boolean => field.charCodeAt(0) === 104;

const paths = new Map<string, string>();

/** The count path a households field (`h:<path>`) stands beside, made once a field: a whole-tree table reads each of a few hundred names thousands of times. */
export const countPathOf = (field: string): string => {
  let path = paths.get(field);
  if (path === undefined) {
    path = field.slice(HOUSEHOLDS_PREFIX.length);
    if (paths.size < NAMES_KEPT) paths.set(field, path);
  }
  return path;
};
