import type { Sheet, SheetCell } from './report-sheet';

/**
 * RFC 4180 CSV (CRLF, quotes doubled) with a UTF-8 byte-order mark so that spreadsheet
 * programs read Chinese division names correctly. Text that a spreadsheet would run as a
 * formula (=, +, -, @ first) is prefixed with an apostrophe: division names are data. A
 * field holding a semicolon is quoted too: where the list separator is `;` (most of Europe),
 * a spreadsheet splits an unquoted `x;=cmd` into two cells, the second a formula.
 */
export const toCsv = (sheet: Sheet): string =>
  '\ufeff' + [sheet.columns, ...sheet.rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';

const csvField = (cell: SheetCell): string => {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
