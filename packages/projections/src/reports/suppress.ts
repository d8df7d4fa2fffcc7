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

const suppressRow = (row: object, below: number): object => {
  const suppressed: string[] = [];
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'number')
      return !NOT_COUNTS.has(path) && value >= 1 && value < below ? (suppressed.push(path), null) : value;
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

export function suppress<T extends object>(table: T, suppressBelow: number): SuppressedTable<T> {
  if ('rows' in table && Array.isArray((table as { rows: unknown }).rows))
    return { ...table, rows: (table as unknown as { rows: object[] }).rows.map((r) => suppressRow(r, suppressBelow)) } as SuppressedTable<T>;
  return suppressRow(table, suppressBelow) as SuppressedTable<T>;
}
