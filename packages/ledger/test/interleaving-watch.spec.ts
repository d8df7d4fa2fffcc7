import { InterleavingWatch } from '../src/import/interleaving-watch';

const verdicts = (ids: readonly string[]): number[] => {
  const watch = new InterleavingWatch();
  return ids.flatMap((id, i) => (watch.see(id) ? [i + 1] : []));
};

describe('telling an import file that interleaves its households', () => {
  it('says so once, at the 1,000th return to a household, for households taken in turn', () => {
    // 500 households in turn: from the 501st command on, every one comes back to a household.
    const inTurn = Array.from({ length: 30_000 }, (_, i) => `h${i % 500}`);
    expect(verdicts(inTurn)).toEqual([1_500]);
  });

  it('waits for the returns to be 5% of the commands: a file in date order registers its households first', () => {
    // 20,000 registrations, then households in turn: 1,000 returns at command 21,000 are under 5% of it;
    // 5% once returns r reach (20,000 + r) / 20, at r = 1,053.
    const registeredFirst = [...Array.from({ length: 20_000 }, (_, i) => `h${i}`), ...Array.from({ length: 20_000 }, (_, i) => `h${i % 500}`)];
    expect(verdicts(registeredFirst)).toEqual([21_053]);
  });

  it('never, for households one after the other (household order), nor for returns that come only after the first 200,000 commands', () => {
    const householdOrder = Array.from({ length: 50_000 }, (_, i) => `h${Math.floor(i / 35)}`);
    expect(verdicts(householdOrder)).toEqual([]);
    const lateReturns = [...Array.from({ length: 200_000 }, (_, i) => `h${Math.floor(i / 35)}`), ...Array.from({ length: 5_000 }, (_, i) => `h${i % 100}`)];
    expect(verdicts(lateReturns)).toEqual([]);
  });

  it('not for a few households come back to (a household-order file with some late corrections)', () => {
    const mostlyGrouped = Array.from({ length: 60_000 }, (_, i) => (i % 100 === 99 ? `h${i % 7}` : `h${Math.floor(i / 35)}`));
    expect(verdicts(mostlyGrouped)).toEqual([]);
  });
});
