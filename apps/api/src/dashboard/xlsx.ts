import { Workbook } from 'exceljs';
import { Sheet, SUPPRESSED } from './report-sheet';

/**
 * Excel's rules for a sheet name: at most 31 characters, none of `* ? : \ / [ ]`. A division
 * code may hold a colon (an id is [A-Za-z0-9._:-]), and exceljs throws on one, which failed
 * the whole export; the cells and the notes sheet still say the code as it is.
 */
const sheetName = (title: string): string => title.replace(/[*?:\\/[\]]/g, '_').slice(0, 31);

/** One worksheet holding the sheet (frozen, bold header; numbers stay numbers) and a notes sheet. */
export const toXlsx = async (sheet: Sheet, notes: readonly (readonly [string, string])[]): Promise<Buffer> => {
  const workbook = new Workbook();
  workbook.creator = 'Hearth';
  const ws = workbook.addWorksheet(sheetName(sheet.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow([...sheet.columns]).font = { bold: true };
  for (const row of sheet.rows) {
    const added = ws.addRow(row.map((c) => (c === null ? null : c)));
    added.eachCell((cell) => {
      if (cell.value === SUPPRESSED) cell.font = { italic: true, color: { argb: 'FF7A5D00' } };
    });
  }
  ws.columns.forEach((column, i) => {
    column.width = Math.min(40, Math.max(10, ...[sheet.columns[i] ?? '', ...sheet.rows.map((r) => String(r[i] ?? ''))].map((s) => s.length + 2)));
  });
  const about = workbook.addWorksheet('notes');
  for (const [k, v] of notes) about.addRow([k, v]);
  about.getColumn(1).font = { bold: true };
  about.getColumn(1).width = 22;
  about.getColumn(2).width = 90;
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
