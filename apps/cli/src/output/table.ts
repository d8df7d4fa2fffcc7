import { showFraction } from './figure';
import { printable } from './printable';

/** Widest a cell is shown; --json gives the whole value. */
export const MAX_CELL = 200;

/** Plain-text tables for people; machines get --json. Cells are cut and escaped (./printable). */
export const renderTable = (headers: readonly string[], rows: readonly (readonly unknown[])[]): string => {
  const show = (c: unknown): string =>
    c === null || c === undefined ? '—' : typeof c === 'number' && !Number.isInteger(c) ? showFraction(c) : printable(String(c), MAX_CELL);
  const cells = rows.map((r) => r.map(show));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const isNumeric = headers.map((_, i) => cells.every((r) => /^-?[\d.]*%?$|^—$/.test(r[i] ?? '')));
  const line = (r: readonly string[]) =>
    r.map((c, i) => (isNumeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
};

/** The first `shown` items as a table, and a line counting the rest (--json lists every one). */
export const renderFirst = <T>(headers: readonly string[], items: readonly T[], shown: number, row: (item: T) => readonly unknown[]): string =>
  [renderTable(headers, items.slice(0, shown).map(row)), ...(items.length > shown ? [`… and ${items.length - shown} more (use --json for all).`] : [])].join('\n');
