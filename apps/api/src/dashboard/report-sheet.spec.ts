import { Workbook } from 'exceljs';
import { toCsv } from './csv';
import { reportSheet, SUPPRESSED } from './report-sheet';
import { toXlsx } from './xlsx';

const divisions = new Map([
  ['R', { name: 'Example Region', level: 'region' }],
  ['P01', { name: '=北州, "north"', level: 'prefecture' }],
]);
const total = {
  division: 'R', month: '2017-03', stockAtStart: 12, identified: 0,
  trainingsOffered: { vocational: 7, language: null }, medianMonthlyIncome: null, meanMonthlyIncome: 1234.5,
  suppressed: ['trainingsOffered.language'],
};
const child = { ...total, division: 'P01', stockAtStart: null, suppressed: ['stockAtStart', 'trainingsOffered.language'] };

describe('a monthly report as a sheet', () => {
  const sheet = reportSheet('monthly 2017-03 R', total, [child], (c) => divisions.get(c));

  it('has the division\'s row first, then its children, with nested figures as dotted columns', () => {
    expect(sheet.columns).toEqual([
      'division', 'name', 'level', 'month', 'stockAtStart', 'identified', 'trainingsOffered.vocational', 'trainingsOffered.language',
      'medianMonthlyIncome', 'meanMonthlyIncome',
    ]);
    expect(sheet.rows[0]).toEqual(['R', 'Example Region', 'region', '2017-03', 12, 0, 7, SUPPRESSED, null, 1234.5]);
    expect(sheet.rows[1]?.slice(0, 5)).toEqual(['P01', '=北州, "north"', 'prefecture', '2017-03', SUPPRESSED]);
    expect(sheet.suppressed).toBe(true);
  });

  it('marks a suppressed count, and leaves a figure that is simply absent empty', () => {
    expect(sheet.rows[0]?.[7]).toBe(SUPPRESSED);
    expect(sheet.rows[0]?.[8]).toBeNull();
    expect(reportSheet('t', { division: 'R', month: '2017-03', cleared: 3 }, [], () => undefined).suppressed).toBe(false);
  });

  it('writes CSV with a byte-order mark, CRLF, quoted commas and quotes, and formulas defused', () => {
    const csv = toCsv(sheet);
    expect(csv.startsWith('\ufeffdivision,name,level,month,stockAtStart')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('R,Example Region,region,2017-03,12,0,7,suppressed,,1234.5');
    expect(lines[2]).toBe(`P01,"'=北州, ""north""",prefecture,2017-03,suppressed,0,7,suppressed,,1234.5`);
    expect(lines[3]).toBe('');
  });

  it('quotes a field holding a semicolon, which a spreadsheet where the list separator is ";" would split into a formula cell', () => {
    const named = reportSheet('t', { division: 'R', month: '2017-03', cleared: 3 }, [], () => ({ name: 'North;=SUM(A1:A9);end', level: 'region' }));
    expect(toCsv(named).split('\r\n')[1]).toBe('R,"North;=SUM(A1:A9);end",region,2017-03,3');
  });

  it('writes an .xlsx that opens with the same cells, numbers as numbers', async () => {
    const workbook = new Workbook();
    const bytes = await toXlsx(sheet, [['month', '2017-03']]);
    // exceljs types its input as an ArrayBuffer-like "Buffer" of its own.
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = workbook.getWorksheet('monthly 2017-03 R');
    expect(ws?.getRow(1).values).toEqual([undefined, ...sheet.columns]);
    expect(ws?.getRow(2).getCell(5).value).toBe(12);
    expect(ws?.getRow(2).getCell(8).value).toBe(SUPPRESSED);
    expect(ws?.getRow(3).getCell(2).value).toBe('=北州, "north"');
    expect(ws?.getRow(3).getCell(5).value).toBe(SUPPRESSED);
    expect(workbook.getWorksheet('notes')?.getRow(1).values).toEqual([undefined, 'month', '2017-03']);
  });

  it('writes an .xlsx for a division whose code holds a colon, which Excel refuses in a sheet name', async () => {
    // A division code is an id ([A-Za-z0-9._:-]): "P:01" is a valid code, and its export must not fail.
    const colon = reportSheet('monthly 2017-03 P:01', { ...total, division: 'P:01' }, [], () => undefined);
    const workbook = new Workbook();
    const bytes = await toXlsx(colon, [['division', 'P:01']]);
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(workbook.worksheets[0]?.name).toBe('monthly 2017-03 P_01');
    expect(workbook.worksheets[0]?.getRow(2).getCell(1).value).toBe('P:01');
  });
});
