import fc from 'fast-check';
import { CommandIndex } from '../../src/household/command-index';
import { CommandTrace } from '../../src/household/state';

/** The oracle: a Map where the first writer of an id wins. Every earlier index must keep answering as it did. */
describe('CommandIndex answers as a first-writer-wins Map', () => {
  it('after any sequence of inserts, for every id, and earlier indexes are unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 150 }), { maxLength: 400 }), (ids) => {
        const oracle = new Map<string, CommandTrace>();
        const snapshots: [CommandIndex, number][] = [];
        let index = CommandIndex.empty;
        ids.forEach((n, i) => {
          // A distinct object per insert, so that `toBe` tells which writer an id kept.
          const trace: CommandTrace = { fields: { memberId: `m${i}` }, on: '2016-01-01', eventType: 'MemberAdded' };
          index = index.with(`c${n}`, trace);
          if (!oracle.has(`c${n}`)) oracle.set(`c${n}`, trace);
          if (i % 37 === 0) snapshots.push([index, oracle.size]);
        });
        expect(index.size).toBe(oracle.size);
        for (let n = 0; n <= 150; n++) expect(index.get(`c${n}`)).toBe(oracle.get(`c${n}`));
        for (const [earlier, size] of snapshots) {
          expect(earlier.size).toBe(size);
          expect([...oracle.keys()].slice(0, size).every((id) => earlier.get(id) === oracle.get(id))).toBe(true);
          expect([...oracle.keys()].slice(size).every((id) => earlier.get(id) === undefined)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
