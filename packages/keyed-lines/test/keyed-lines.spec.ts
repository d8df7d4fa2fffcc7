import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { KeyedLines } from '../src';

describe('lines written in the order of their keys', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hearth-keyed-lines-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const sortedThrough = async (entries: readonly (readonly [number, string])[], keysPerPart: number, spillEvery = 3): Promise<{ text: string; counts: number[] }> =>
    KeyedLines.within(dir, 'lines-', keysPerPart, async (lines) => {
      // Spilled in several rounds, as a caller spills whenever `full`: a part's file is appended to.
      for (let i = 0; i < entries.length; i++) {
        const [key, text] = entries[i] as readonly [number, string];
        lines.add(key, text);
        if (i % spillEvery === spillEvery - 1) await lines.spill();
      }
      await lines.spill();
      const chunks: Buffer[] = [];
      const counts: number[] = [];
      for (const part of lines.parts()) counts.push(await lines.writeSorted(part, async (c) => void chunks.push(Buffer.from(c))));
      return { text: Buffer.concat(chunks).toString('utf8'), counts };
    });

  it('is a stable sort by key, whatever the parts, for any keys and lines (UTF-8 included)', async () => {
    let sharedKeys = 0;
    await fc.assert(
      fc.asyncProperty(
        // Keys from a narrow range too, so that lines share keys and the order among them is tested; size 'max' so that
        // as many as 60 lines are drawn (fast-check's default size stops at about ten), over several spills and parts.
        fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 12 })), fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !s.includes('\n'))), { maxLength: 60, size: 'max' }),
        fc.integer({ min: 1, max: 600 }),
        async (entries, keysPerPart) => {
          if (new Set(entries.map(([key]) => key)).size < entries.length) sharedKeys += 1;
          const { text, counts } = await sortedThrough(entries, keysPerPart);
          const expected = entries.map((e, i) => ({ e, i })).sort((a, b) => a.e[0] - b.e[0] || a.i - b.i).map(({ e }) => `${e[1]}\n`).join('');
          expect(text).toBe(expected);
          expect(counts.reduce((a, b) => a + b, 0)).toBe(entries.length);
        },
      ),
      { numRuns: 60 },
    );
    // Runs in which lines share a key, so that their order is the property's to check: 41-49 of 60 (seeds 1-8).
    expect(sharedKeys).toBeGreaterThan(25);
  });

  it('hands the parts on lowest keys first, a line longer than one output chunk whole', async () => {
    const long = 'x'.repeat((1 << 20) + 10);
    const { text, counts } = await sortedThrough([[70, 'c'], [3, long], [65, 'b'], [3, 'a']], 32);
    expect(counts).toEqual([2, 2]);
    expect(text).toBe(`${long}\na\nb\nc\n`);
  });

  it('refuses a key that is no whole number of at least 0, or a line holding a newline, adding nothing', async () => {
    await KeyedLines.within(dir, 'lines-', 10, async (lines) => {
      lines.add(3, 'good');
      for (const key of [1.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) expect(() => lines.add(key, 'bad')).toThrow(RangeError);
      expect(() => lines.add(4, 'two\nlines')).toThrow(RangeError);
      await lines.spill();
      const chunks: string[] = [];
      for (const part of lines.parts()) await lines.writeSorted(part, async (c) => void chunks.push(Buffer.from(c).toString('utf8')));
      expect(chunks.join('')).toBe('good\n');
    });
  });

  it('removes its scratch directory when done, and when the work fails', async () => {
    await KeyedLines.within(dir, 'lines-', 4, async (lines) => {
      lines.add(1, 'one');
      await lines.spill();
      expect(readdirSync(dir)).toHaveLength(1);
    });
    expect(readdirSync(dir)).toEqual([]);
    await expect(KeyedLines.within(dir, 'lines-', 4, async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(readdirSync(dir)).toEqual([]);
  });
});
