import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { storedDivisionTrees } from './division-tree-log';
import { DivisionTreePartRecorded, splitDivisionTree, utf8Length } from './division-tree-parts';
import { Division } from './divisions';
import { propertyRuns } from './testing';

/** A valid tree of `n` villages under one region, with names of varying length and script. */
const treeOf = (names: readonly string[]): Division[] => [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  ...names.map((name, i) => ({ code: `V${i}`, name, parentCode: 'R', level: 'village' as const })),
];

describe('splitting a division tree into parts (docs/decisions/0056)', () => {
  it('counts UTF-8 bytes as the stored JSON has them', () => {
    for (const s of ['abc', 'Ünïcode', '河谷村', '𝔸 village', ''])
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
  });

  it('keeps every part within the budget and loses, adds or reorders nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 40, unit: fc.constantFrom('a', 'Z', 'é', '村', '𝔸', ' ') }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 300, max: 6000 }),
        fc.integer({ min: 0, max: 20 }),
        (names, budget, dropped) => {
          const divisions = treeOf(names);
          const successors = Object.fromEntries(Array.from({ length: dropped }, (_, i) => [`Old${i}`, `V${i % names.length}`]));
          const parts = splitDivisionTree(divisions, successors, budget);
          for (const p of parts) {
            expect(DivisionTreePartRecorded.is({ type: 'DivisionTreePartRecorded', data: p })).toBe(true);
            expect(p.parts).toBe(parts.length);
            expect(utf8Length(JSON.stringify(p))).toBeLessThanOrEqual(budget);
          }
          expect(parts.map((p) => p.part)).toEqual(parts.map((_, i) => i + 1));
          expect(parts.flatMap((p) => p.divisions)).toEqual(divisions);
          expect(Object.assign({}, ...parts.map((p) => p.successors ?? {}))).toEqual(successors);
          // and the log reads the parts back as the one tree they came from
          const read = storedDivisionTrees(parts.map((data, i) => ({ position: 10 + i, occurredOn: '2017-01-01', type: 'DivisionTreePartRecorded', data })));
          if (E.isLeft(read)) throw new Error(JSON.stringify(read.left));
          expect(read.right.unfinished).toBeUndefined();
          expect(read.right.trees).toEqual([{ position: 9 + parts.length, occurredOn: '2017-01-01', divisions, ...(dropped > 0 ? { successors } : {}) }]);
        },
      ),
      propertyRuns(150, process.env),
    );
  });

  it('gives the same parts for the same tree (so an interrupted recording is recognised)', () => {
    const divisions = treeOf(Array.from({ length: 200 }, (_, i) => `Village number ${i}`));
    expect(splitDivisionTree(divisions, { X: 'V1' }, 2000)).toEqual(splitDivisionTree([...divisions], { X: 'V1' }, 2000));
    expect(splitDivisionTree(divisions, {}, 2000).length).toBeGreaterThan(5);
  });

  it('puts a division larger than the budget in a part of its own rather than dropping it', () => {
    const divisions = treeOf(['x'.repeat(500), 'short']);
    const parts = splitDivisionTree(divisions, {}, 200);
    expect(parts.flatMap((p) => p.divisions)).toEqual(divisions);
    expect(parts.every((p) => p.divisions.length === 1)).toBe(true);
  });
});
