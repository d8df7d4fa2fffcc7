import { propertyRuns } from '../src/testing';

describe('a property run read from the environment', () => {
  it('runs its own count unless HEARTH_PROPERTY_RUNS asks for more', () => {
    expect(propertyRuns(25, {})).toEqual({ numRuns: 25 });
    expect(propertyRuns(25, { HEARTH_PROPERTY_RUNS: '300' })).toEqual({ numRuns: 300 });
    expect(propertyRuns(5000, { HEARTH_PROPERTY_RUNS: '300' })).toEqual({ numRuns: 5000 });
  });

  it('replays the seed and path fast-check printed', () => {
    expect(propertyRuns(6, { HEARTH_PROPERTY_SEED: '-1753641644', HEARTH_PROPERTY_PATH: '5:1:0' })).toEqual({ numRuns: 6, seed: -1753641644, path: '5:1:0' });
  });

  it('refuses a count or a seed that is not an integer, naming the variable', () => {
    expect(() => propertyRuns(6, { HEARTH_PROPERTY_RUNS: 'lots' })).toThrow('HEARTH_PROPERTY_RUNS must be an integer, not "lots"');
    expect(() => propertyRuns(6, { HEARTH_PROPERTY_SEED: '1.5' })).toThrow('HEARTH_PROPERTY_SEED must be an integer, not "1.5"');
  });
});
