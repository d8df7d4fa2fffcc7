import { InterleavingWatch } from '../src/import/interleaving-watch';

const verdicts = (ids: readonly string[]): number[] => {
  const watch = new InterleavingWatch();
  return ids.flatMap((id, i) => (watch.see(id) ? [i + 1] : []));
};

describe('telling an import file that interleaves its households', () => {
  it('says so once, at the 10,000th command, for households taken in turn (a log in date order)', () => {
    const dateOrder = Array.from({ length: 30_000 }, (_, i) => `h${i % 500}`);
    expect(verdicts(dateOrder)).toEqual([10_000]);
  });

  it('never, for households one after the other (a log in household order), nor for a file of fewer than 10,000 commands', () => {
    const householdOrder = Array.from({ length: 30_000 }, (_, i) => `h${Math.floor(i / 35)}`);
    expect(verdicts(householdOrder)).toEqual([]);
    expect(verdicts(Array.from({ length: 9_999 }, (_, i) => `h${i % 500}`))).toEqual([]);
  });

  it('not when fewer than half the commands come back to a household the file had left', () => {
    // Two households alternate for the first 4,000 commands (3,998 returns), then households one after the other.
    const mostlyGrouped = Array.from({ length: 12_000 }, (_, i) => (i < 4_000 ? `a${i % 2}` : `h${Math.floor(i / 35)}`));
    expect(verdicts(mostlyGrouped)).toEqual([]);
  });
});
