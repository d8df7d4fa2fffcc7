import { COMPUTED_COUNTS, DERIVED } from './computed-figures';

/**
 * Disclosure control (domain.md §5): outside the caseworker and auditor roles, a count
 * from 1 to `suppressBelow − 1` is replaced by null and named in the row's `suppressed`
 * list, so that no small-area figure points at a family. Figures derived from a
 * suppressed count (an achievement ratio, the median or mean of a few incomes) go too.
 */
export type Suppressed<T> = T extends readonly (infer U)[]
  ? Suppressed<U>[]
  : T extends number
    ? number | null
    : T extends object
      ? { [K in keyof T]: Suppressed<T[K]> }
      : T;

export type SuppressedRow<T> = Suppressed<T> & { readonly suppressed: readonly string[] };
export type SuppressedTable<T> = T extends { rows: readonly (infer R)[] } ? Omit<T, 'rows'> & { rows: SuppressedRow<R>[] } : SuppressedRow<T>;

/** Fields that are not counts of households, members or events. */
const NOT_COUNTS = new Set(['year', 'cumulativeShare', 'achievement', 'medianMonthlyIncome', 'meanMonthlyIncome']);
/** Whether a cell is a small count: the primary rule of domain.md §5. */
export const isSmallCount = (path: string, value: number, below: number): boolean => !NOT_COUNTS.has(path) && !COMPUTED_COUNTS.has(path) && value >= 1 && value < below;

/**
 * Whether a count has few households behind it, from 1 to `below − 1`: the second primary
 * rule (decision 186), for a table that says how many households each count comes from. A
 * count of members or records is at least its households, so a small count is also one with
 * few households; a zero count has none.
 */
export const hasFewHouseholds = (households: number, below: number): boolean => households >= 1 && households < below;

/** The dotted paths of a row's counts (nested count groups included), in the row's order. */
export const countPaths = (row: object): string[] => {
  const out: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'number') {
      if (!NOT_COUNTS.has(path)) out.push(path);
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value))
      for (const [k, v] of Object.entries(value)) walk(v, path === '' ? k : `${path}.${k}`);
  };
  walk(row, '');
  return out;
};

/** A row with the cells `hide` names (and the figures derived from them) made null and listed in `suppressed`. */
export const hideCells = (row: object, hide: (path: string, value: number) => boolean): object => {
  const suppressed: string[] = [];
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'number') return !NOT_COUNTS.has(path) && hide(path, value) ? (suppressed.push(path), null) : value;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, path === '' ? k : `${path}.${k}`)]));
    return value;
  };
  return withDerived(walk(row, '') as Record<string, unknown>, suppressed);
};

/** A count path of a table's rows: its dotted name and its keys, split once for every row. */
export interface CountPath {
  readonly name: string;
  readonly keys: readonly string[];
}

/** `countPaths` split into keys, for reading and hiding the cells of many rows of one shape. */
export const countPathsOf = (row: object): CountPath[] => countPaths(row).map((name) => ({ name, keys: name.split('.') }));

/**
 * A row's counts in the order of its count paths (`countPaths`), pushed onto `into`: how
 * many. Walks the row's fields in their order rather than looking each path up, so a
 * whole-tree table's ~200,000 cells are read without a keyed lookup a cell.
 */
export const pushCounts = (row: object, into: number[]): number => {
  const before = into.length;
  for (const key in row) {
    const value = (row as Record<string, unknown>)[key];
    if (typeof value === 'number') {
      if (!NOT_COUNTS.has(key)) into.push(value);
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) pushNested(value, into);
  }
  return into.length - before;
};

/** A nested group's numbers: every one a count, as no name in NOT_COUNTS is a nested path. */
const pushNested = (group: object, into: number[]): void => {
  for (const key in group) {
    const value = (group as Record<string, unknown>)[key];
    if (typeof value === 'number') into.push(value);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) pushNested(value, into);
  }
};

/**
 * `hideCells` for a row of the shape `paths` were read from (`countPathsOf`), hiding the
 * k-th path where `hidden(k)`: the same row, built without walking every field again. A
 * whole-tree table is ~10,000 rows with a handful of hidden cells each at most, so a row
 * is copied only along the paths it hides; what it leaves is shared with the input row,
 * which no caller changes.
 */
export const hideCountsAt = (row: object, paths: readonly CountPath[], hidden: (k: number) => boolean): object => {
  const suppressed: string[] = [];
  // Not a spread: V8 gives a spread copy a shape that the `suppressed` added later turns slow (3× the time a row).
  const out = Object.assign({}, row) as Record<string, unknown>;
  let copies: Set<object> | undefined;
  paths.forEach((path, k) => {
    if (!hidden(k)) return;
    let at = out;
    for (let d = 0; d < path.keys.length - 1; d++) {
      const key = path.keys[d] as string;
      const next = at[key] as Record<string, unknown>;
      copies ??= new Set();
      if (copies.has(next)) at = next;
      else {
        const copy = { ...next };
        copies.add(copy);
        at[key] = copy;
        at = copy;
      }
    }
    const last = path.keys[path.keys.length - 1] as string;
    if (typeof at[last] !== 'number') return;
    at[last] = null;
    suppressed.push(path.name);
  });
  return withDerived(out, suppressed);
};

/** A row with its hidden counts' derived figures (DERIVED) made null too, and the list of what it hides. */
const withDerived = (out: Record<string, unknown>, suppressed: string[]): object => {
  // By index: a derived figure hidden here hides what is derived from it in turn (baseline, target, achievement).
  for (let i = 0; i < suppressed.length; i++)
    for (const derived of DERIVED[suppressed[i] as string] ?? [])
      if (derived in out && out[derived] !== null) {
        out[derived] = null;
        suppressed.push(derived);
      }
  // Added last, as a spread would place it, without copying the row again.
  out.suppressed = suppressed;
  return out;
};

const suppressRow = (row: object, below: number): object => hideCells(row, (path, value) => isSmallCount(path, value, below));

/**
 * Primary suppression only: each row on its own. A suppressed cell may still be recomputed
 * from published totals; analysts get `discloseReport` (suppress-report.ts), which adds the
 * complementary cells.
 */
export function suppress<T extends object>(table: T, suppressBelow: number): SuppressedTable<T> {
  if ('rows' in table && Array.isArray((table as { rows: unknown }).rows))
    return { ...table, rows: (table as unknown as { rows: object[] }).rows.map((r) => suppressRow(r, suppressBelow)) } as SuppressedTable<T>;
  return suppressRow(table, suppressBelow) as SuppressedTable<T>;
}
