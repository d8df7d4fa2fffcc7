import { buildDivisionTree } from '@hearth/domain';
import { generateDivisions, generateHouseholdCommands } from './index';

const count = (level: string, ds: { level: string }[]) => ds.filter((d) => d.level === level).length;

describe('the division tree', () => {
  it('is valid for buildDivisionTree and shaped like a region', () => {
    const ds = generateDivisions({ households: 1000, seed: 1 });
    const tree = buildDivisionTree(JSON.parse(JSON.stringify(ds)));
    expect(tree._tag).toBe('Right');
    expect(count('region', ds)).toBe(1);
    expect(count('prefecture', ds)).toBeGreaterThanOrEqual(12);
    expect(count('prefecture', ds)).toBeLessThanOrEqual(14);
    expect(count('county', ds)).toBeGreaterThanOrEqual(90);
    expect(count('county', ds)).toBeLessThanOrEqual(110);
    expect(count('township', ds)).toBeGreaterThan(600);
    expect(ds[0]).toMatchObject({ code: 'R', parentCode: null, level: 'region' });
    for (const d of ds) {
      expect(d.code).toMatch(/^(R|P\d{2}(C\d{2}(T\d{2}(V\d{2,3})?)?)?)$/);
      expect(d.name).toMatch(/^[A-Z][a-z]+ (Region|Prefecture|County|Township|Village)$/);
      if (d.parentCode !== null) expect(d.code.startsWith(d.parentCode === 'R' ? 'P' : d.parentCode)).toBe(true);
    }
  });

  it('grows villages with the household count, not the levels above', () => {
    const small = generateDivisions({ households: 1000, seed: 1 });
    const large = generateDivisions({ households: 532_000, seed: 1 });
    expect(count('county', large)).toBe(count('county', small));
    expect(count('township', large)).toBe(count('township', small));
    expect(count('village', small)).toBe(count('township', small)); // at least one village per township
    expect(count('village', large)).toBeGreaterThan(9000);
    expect(count('village', large)).toBeLessThan(11000);
  });

  it('puts every household in a village of the tree', () => {
    const opts = { households: 300, seed: 2 };
    const villages = new Set(generateDivisions(opts).filter((d) => d.level === 'village').map((d) => d.code));
    for (let i = 0; i < opts.households; i += 7) {
      const first = generateHouseholdCommands(opts, i)[0];
      expect(first?.type).toBe('RegisterHousehold');
      if (first?.type === 'RegisterHousehold') expect(villages.has(first.divisionCode)).toBe(true);
    }
  });
});
