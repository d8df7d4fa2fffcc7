import fc from 'fast-check';
import { CommandIndex } from '../../src/household/command-index';
import { CommandTrace } from '../../src/household/state';
import { propertyRuns } from '../../src/testing';

/** The oracle: a Map where the first writer of an id wins. Every earlier index must keep answering as it did. */
describe('CommandIndex answers as a first-writer-wins Map', () => {
  /*
   * Ids that are prefixes and suffixes of each other ("c1", "c15", "1"), that hold a line
   * break or are empty: whatever a sealed level is made of, only the exact id may match
   * (a level kept as one string of ids was tried and this found its faults: ADR 90).
   * Sequences are drawn at full size, so that inserts reach two and three sealed levels.
   */
  const idOf = (n: number): string => (n % 10 === 7 ? `${n}` : n % 10 === 9 ? `c${n}\n` : n % 50 === 3 ? `\nc${n - 3}` : n === 150 ? '' : `c${n}`);

  it('after any sequence of inserts, for every id, and earlier indexes are unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 150 }).map(idOf), { maxLength: 400, size: 'max' }), (ids) => {
        const oracle = new Map<string, CommandTrace>();
        const snapshots: [CommandIndex, number][] = [];
        let index = CommandIndex.empty;
        ids.forEach((id, i) => {
          // A distinct object per insert, so that `toBe` tells which writer an id kept.
          const trace: CommandTrace = { fields: { memberId: `m${i}` }, on: '2016-01-01', eventType: 'MemberAdded' };
          index = index.with(id, trace);
          if (!oracle.has(id)) oracle.set(id, trace);
          if (i % 37 === 0) snapshots.push([index, oracle.size]);
        });
        expect(index.size).toBe(oracle.size);
        for (let n = 0; n <= 150; n++) {
          expect(index.get(idOf(n))).toBe(oracle.get(idOf(n)));
          // Never inserted: a part of an id, or ids run together across a separator.
          expect(index.get(`${idOf(n)}\nc${n}`)).toBe(oracle.get(`${idOf(n)}\nc${n}`));
          expect(index.get(`c${n}`.slice(1))).toBe(oracle.get(`c${n}`.slice(1)));
        }
        for (const [earlier, size] of snapshots) {
          expect(earlier.size).toBe(size);
          expect([...oracle.keys()].slice(0, size).every((id) => earlier.get(id) === oracle.get(id))).toBe(true);
          expect([...oracle.keys()].slice(size).every((id) => earlier.get(id) === undefined)).toBe(true);
        }
      }),
      propertyRuns(300, process.env),
    );
  });
});
