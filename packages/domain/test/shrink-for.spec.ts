import fc from 'fast-check';
// The plugin every project's jest setup installs (jest.setup.js at the workspace's root): a file
// of the workspace's test set-up, not of a project, so no project's entry point exports it.
// eslint-disable-next-line @typescript-eslint/no-require-imports, @nx/enforce-module-boundaries
const { shrinkFor } = require('../../../jest.shrink-for') as { shrinkFor: (ms: number) => fc.UniversalPlugin };

const fiveOrMore = fc.array(fc.nat(), { minLength: 0, maxLength: 40 });
const short = (a: number[]): boolean => a.length < 5;

describe('shrinkFor: a failing property reports its counterexample within a time limit', () => {
  it('with no time to shrink, reports the first failing input as it was drawn', () => {
    const out = fc.check(fc.property(fiveOrMore, short), { seed: 42, plugins: [shrinkFor(0)], noGlobalPlugins: true });
    expect(out.failed).toBe(true);
    expect(out.numShrinks).toBe(0);
    expect((out.counterexample as [number[]] | null)?.[0].length).toBeGreaterThanOrEqual(5);
    const unlimited = fc.check(fc.property(fiveOrMore, short), { seed: 42, noGlobalPlugins: true });
    // The same first failure as without the plugin: the first index of its replay path.
    expect(out.counterexamplePath).toBe(unlimited.counterexamplePath?.split(':')[0]);
    expect(unlimited.numShrinks).toBeGreaterThan(0);
  });

  it('with time enough, shrinks as fast-check does without it', () => {
    const out = fc.check(fc.property(fiveOrMore, short), { seed: 42, plugins: [shrinkFor(60_000)], noGlobalPlugins: true });
    expect(out.failed).toBe(true);
    expect(out.counterexample).toEqual([[0, 0, 0, 0, 0]]);
  });

  it('stops an async property too, after its first failure only', async () => {
    let runs = 0;
    const out = await fc.check(
      fc.asyncProperty(fiveOrMore, async (a) => {
        runs += 1;
        return short(a);
      }),
      { seed: 42, plugins: [shrinkFor(0)], noGlobalPlugins: true },
    );
    expect(out.failed).toBe(true);
    expect(out.numShrinks).toBe(0);
    expect(runs).toBe(out.numRuns);
  });

  it('lets a property that holds run every case', () => {
    const out = fc.check(fc.property(fiveOrMore, () => true), { numRuns: 300, plugins: [shrinkFor(0)], noGlobalPlugins: true });
    expect(out.failed).toBe(false);
    expect(out.interrupted).toBe(false);
    expect(out.numRuns).toBe(300);
  });
});
