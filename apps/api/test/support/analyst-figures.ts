import { Workbook } from 'exceljs';
import { getAs } from './hand-worked-disclosure';

/**
 * Every figure an analyst's token is served, gathered as (answer, division, figure, value):
 * from report JSON (a row is any object naming its `division`), from a CSV export and from an
 * .xlsx export (first sheet; first column the division code). A suppressed cell is `null`.
 */
export interface ServedFigure {
  readonly answer: string;
  readonly division: string;
  readonly figure: string;
  readonly value: number | null;
  /** The row's own month, where the row says it (the twelve months of a year's answer). */
  readonly month?: string;
}

/** Figures that are not counts nor computed from counts of the period: the policy's share and the row's year. */
const NOT_FROM_HOUSEHOLDS = new Set(['year', 'cumulativeShare', 'position']);

const figuresOfRow = (answer: string, row: Record<string, unknown>, into: ServedFigure[]): void => {
  const division = row.division as string;
  const month = typeof row.month === 'string' ? { month: row.month } : {};
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'number' || value === null) {
      if (!NOT_FROM_HOUSEHOLDS.has(path)) into.push({ answer, division, figure: path, value, ...month });
    } else if (typeof value === 'object' && !Array.isArray(value))
      for (const [k, v] of Object.entries(value as object)) walk(v, path === '' ? k : `${path}.${k}`);
  };
  for (const [k, v] of Object.entries(row)) if (k !== 'division' && k !== 'suppressed' && k !== 'month') walk(v, k);
};

/** The rows of a report answer, wherever they sit (the row itself, `rows`, `total` and `byChild`, `months`). */
export const figuresOfJson = (answer: string, body: unknown, into: ServedFigure[] = []): ServedFigure[] => {
  if (Array.isArray(body)) for (const b of body) figuresOfJson(answer, b, into);
  else if (body !== null && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    if (typeof o.division === 'string' && !Array.isArray(o.rows)) figuresOfRow(answer, o, into);
    else for (const [k, v] of Object.entries(o)) if (k !== 'position') figuresOfJson(answer, v, into);
  }
  return into;
};

const SHEET_TEXT = new Set(['division', 'name', 'level', 'month']);

const figuresOfSheet = (answer: string, header: readonly string[], lines: readonly (readonly unknown[])[], into: ServedFigure[]): ServedFigure[] => {
  for (const cells of lines)
    header.forEach((column, i) => {
      if (SHEET_TEXT.has(column) || NOT_FROM_HOUSEHOLDS.has(column)) return;
      const cell = cells[i];
      const value = cell === 'suppressed' || cell === '' || cell === undefined || cell === null ? null : Number(cell);
      into.push({ answer, division: String(cells[0]), figure: column, value });
    });
  return into;
};

/** An export's cells, CSV or .xlsx by the path's ending. */
export const figuresOfExport = async (url: string, token: string, path: string, into: ServedFigure[] = []): Promise<ServedFigure[]> => {
  if (path.includes('.csv')) {
    const { status, text } = await getAs(url, token, path);
    if (status !== 200) throw new Error(`${path}: ${status}`);
    const [header, ...lines] = text.replace(/^\ufeff/, '').trimEnd().split('\r\n').map((l) => l.split(','));
    return figuresOfSheet(path, header as string[], lines, into);
  }
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  const workbook = new Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  const rows: unknown[][] = [];
  workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const [header, ...lines] = rows;
  return figuresOfSheet(path, (header ?? []).map(String), lines, into);
};

/** A JSON answer's figures, failing on any status but 200. */
export const figuresOfReport = async (url: string, token: string, path: string, into: ServedFigure[] = []): Promise<ServedFigure[]> => {
  const { status, body } = await getAs(url, token, path);
  if (status !== 200) throw new Error(`${path}: ${status} ${JSON.stringify(body)}`);
  return figuresOfJson(path, body, into);
};

/**
 * The cells (table, period, division, figure) given different values by different answers: a
 * figure hidden in one answer and shown in another is recomputed by reading the other.
 */
export const cellsServedTwoWays = (served: readonly ServedFigure[]): string[] => {
  const byCell = new Map<string, Set<string>>();
  for (const f of served) {
    const period = f.month ?? (/(?:month|year|asOf)=([0-9-]+)/.exec(f.answer)?.[1] as string);
    const table = /reports\/(\w+)|exports\/(\w+)/.exec(f.answer)?.slice(1).find(Boolean) as string;
    const key = `${table} ${period} ${f.division} ${f.figure}`;
    byCell.set(key, (byCell.get(key) ?? new Set()).add(String(f.value)));
  }
  return [...byCell].filter(([, values]) => values.size > 1).map(([key, values]) => `${key}: ${[...values].join(' / ')}`);
};
