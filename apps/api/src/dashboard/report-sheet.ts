/**
 * A monthly report (the API's JSON rows) laid out as one flat sheet for CSV and .xlsx:
 * the division's own row first, then one row per child division; nested figures
 * (trainings by kind, employments by form…) become dotted columns, as in the JSON.
 * A suppressed count stays suppressed: a marker, never a number (decision 0032).
 */
export const SUPPRESSED = 'suppressed';

export type SheetCell = string | number | null;

export interface Sheet {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly SheetCell[])[];
  /** Whether any cell was suppressed for the reader's role. */
  readonly suppressed: boolean;
}

export interface ReportRow {
  readonly division: string;
  readonly month: string;
  readonly suppressed?: readonly string[];
  readonly [figure: string]: unknown;
}

export interface DivisionInfo {
  readonly name: string;
  readonly level: string;
}

const LEADING = ['division', 'name', 'level', 'month'] as const;
const NOT_FIGURES = new Set(['division', 'month', 'suppressed']);

/** The dotted paths of a row's figures, in the order the JSON gives them. */
export const figurePaths = (row: ReportRow): string[] => {
  const out: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      for (const [k, v] of Object.entries(value)) walk(v, path === '' ? k : `${path}.${k}`);
    else out.push(path);
  };
  for (const [k, v] of Object.entries(row)) if (!NOT_FIGURES.has(k)) walk(v, k);
  return out;
};

const valueAt = (row: ReportRow, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), row);

const sheetCell = (row: ReportRow, path: string): SheetCell => {
  if (row.suppressed?.includes(path)) return SUPPRESSED;
  const v = valueAt(row, path);
  if (typeof v === 'number' || typeof v === 'string') return v;
  return null;
};

export const reportSheet = (
  title: string,
  total: ReportRow,
  children: readonly ReportRow[],
  divisions: (code: string) => DivisionInfo | undefined,
): Sheet => {
  const figures = figurePaths(total);
  const rows = [total, ...children].map((row) => {
    const d = divisions(row.division);
    return [row.division, d?.name ?? null, d?.level ?? null, row.month, ...figures.map((f) => sheetCell(row, f))];
  });
  return {
    title,
    columns: [...LEADING, ...figures],
    rows,
    suppressed: [total, ...children].some((r) => (r.suppressed?.length ?? 0) > 0),
  };
};
