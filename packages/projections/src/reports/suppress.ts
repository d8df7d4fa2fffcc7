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
/** Figures computed from a count: suppressed with it. */
const DERIVED: Readonly<Record<string, readonly string[]>> = {
  baselineCleared: ['achievement'],
  target: ['achievement'],
  incomeRecords: ['medianMonthlyIncome', 'meanMonthlyIncome'],
};

/** Whether a cell is a small count: the primary rule of domain.md §5. */
export const isSmallCount = (path: string, value: number, below: number): boolean => !NOT_COUNTS.has(path) && value >= 1 && value < below;

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
  const out = walk(row, '') as Record<string, unknown>;
  for (const field of [...suppressed])
    for (const derived of DERIVED[field] ?? [])
      if (derived in out && out[derived] !== null) {
        out[derived] = null;
        suppressed.push(derived);
      }
  return { ...out, suppressed };
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
