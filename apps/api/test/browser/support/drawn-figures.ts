import type { Page } from 'playwright-core';

/**
 * Reading the figures a dashboard page drew, and what a viewer should read for an API's cell
 * (the dashboard-figures-*.spec.ts audits). The expectations are written from the README and
 * decision 0156, not from the page's own formatter, so that a formatter gone wrong fails them.
 */

export type Row = Record<string, unknown> & { division: string; suppressed?: string[] };

/** The dashboard's own words for `keys` (its i18n), so that columns and rows are found as a viewer reads them. */
export const labels = (page: Page, keys: string[]): Promise<Record<string, string>> =>
  page.evaluate(`(async () => {
    const i18n = await import('/dashboard/js/i18n.js');
    return Object.fromEntries(${JSON.stringify(keys)}.map((k) => [k, i18n.t(k)]));
  })()`);

/** A table's header cells and body cells as text, and which body cells hold the suppressed mark element. */
export const drawnTable = (page: Page, selector: string): Promise<{ head: string[]; body: string[][]; marked: boolean[][] }> =>
  page.evaluate((s) => {
    const el = document.querySelector(s) as HTMLElement;
    const text = (c: Element) => (c.textContent ?? '').trim();
    const rows = Array.from(el.querySelectorAll('tbody tr'));
    return {
      head: Array.from(el.querySelectorAll('thead th')).map(text),
      body: rows.map((tr) => Array.from(tr.querySelectorAll('td')).map(text)),
      marked: rows.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.querySelector('.suppressed') !== null)),
    };
  }, selector);

export const valueAt = (row: Row, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v === null || v === undefined ? v : (v as Record<string, unknown>)[k]), row);

export type Format = 'count' | 'share' | 'ratio' | 'money';

/**
 * Whether `drawn` is an achievement `v` written as README/decision 0156 say: a percentage to at
 * least one decimal, within half its last decimal of v × 100, and a whole percentage only when v × 100 is one.
 */
export const ratioDrawnAs = (drawn: string, v: number): boolean => {
  const match = /^(-?\d+)\.(\d+)%$/.exec(drawn);
  if (!match) return false;
  const decimals = (match[2] as string).length;
  const p = Number(drawn.slice(0, -1));
  const exact = v * 100;
  const close = Math.abs(p - exact) <= 0.5 * 10 ** -decimals + 1e-9;
  const wholeOnlyIfWhole = !Number.isInteger(p) || Math.abs(exact - Math.round(exact)) < 1e-9;
  return close && wholeOnlyIfWhole;
};

/**
 * What a viewer should read in the cell for `path` of `row`: the suppressed mark for a suppressed
 * cell (never a number, never blank), the empty mark for a figure the API has none of, a count as
 * itself, a share as its exact percentage (basis points: 0.1859 is 18.59%), money to the cent.
 * A ratio is checked by ratioDrawnAs: this answers the exact value for the message.
 */
export const expectedCell = (row: Row, path: string, format: Format, words: Record<string, string>): string => {
  if (row.suppressed?.includes(path)) return words['cell.suppressed'] as string;
  const v = valueAt(row, path);
  if (v === null || v === undefined) return words['cell.empty'] as string;
  if (typeof v !== 'number') return String(v);
  if (format === 'share') return `${Math.round(v * 10_000) / 100}%`;
  if (format === 'money') return v.toFixed(2);
  if (format === 'ratio') return `${v * 100}%`;
  return String(v);
};

/** One drawn cell against the API's: equal text, or for a ratio the rounding README describes. */
export const cellMatches = (drawn: string | undefined, row: Row, path: string, format: Format, words: Record<string, string>): boolean => {
  const expected = expectedCell(row, path, format, words);
  const v = valueAt(row, path);
  if (format === 'ratio' && typeof v === 'number' && !row.suppressed?.includes(path)) return drawn !== undefined && ratioDrawnAs(drawn, v);
  return drawn === expected;
};

export interface Mismatch { at: string; row: string; column: string; drawn: string | undefined; api: string }

/** Every cell of a drawn table, one row per API row and a column per field, that differs from the API's (or marks it wrongly). */
export const rowMismatches = (
  at: string, drawn: { head: string[]; body: string[][]; marked: boolean[][] }, rows: Row[], fields: [string, Format][], words: Record<string, string>,
): Mismatch[] =>
  rows.flatMap((row, i) => fields.flatMap(([key, format]) => {
    const column = drawn.head.indexOf(words[`field.${key}`] as string);
    const cell = drawn.body[i]?.[column];
    const ok = cellMatches(cell, row, key, format, words) && drawn.marked[i]?.[column] === (row.suppressed?.includes(key) ?? false);
    return ok ? [] : [{ at, row: row.division, column: key, drawn: cell, api: expectedCell(row, key, format, words) }];
  }));

/** The dotted paths of an API row's figures, as the JSON nests them (what a page or a file should show, each once). */
export const figurePaths = (row: Row): string[] => {
  const out: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    else out.push(path);
  };
  for (const [k, v] of Object.entries(row)) if (!['division', 'month', 'year', 'suppressed'].includes(k)) walk(v, k);
  return out;
};
