import { printable } from '../src/output/printable';
import { MAX_CELL, renderTable } from '../src/output/table';

describe('text from input, shown to people', () => {
  it('escapes terminal controls, line breaks and bidirectional overrides', () => {
    expect(printable('a\u001b[31mb\r\nc\u0007d\u202ee\u009bf')).toBe('a\\u001b[31mb\\r\\nc\\u0007d\\u202ee\\u009bf');
  });
  it('leaves ordinary text, accents and emoji alone', () => {
    expect(printable('Zoë — 東村 🌾')).toBe('Zoë — 東村 🌾');
  });
  it('cuts long text, saying how long it was', () => {
    expect(printable('x'.repeat(500), 10)).toBe(`${'x'.repeat(10)}… (500 characters)`);
  });
  it('keeps a table narrow whatever a cell holds', () => {
    const table = renderTable(['key'], [['k'.repeat(3_000_000)], ['\u001b[2J']]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(MAX_CELL + 40);
    expect(table).not.toContain('\u001b');
  });
});
