import { generateHouseholdCommands } from './index';

const opts = { households: 1000, seed: 3 };
const registrations = Array.from({ length: opts.households }, (_, i) => generateHouseholdCommands(opts, i)).map((commands) => {
  const first = commands[0];
  if (first?.type !== 'RegisterHousehold') throw new Error('the first command must register the household');
  const survey = commands.find((c) => c.type === 'SurveyHousehold');
  return { members: first.members, survey: survey?.type === 'SurveyHousehold' ? survey : undefined };
});
const ages = registrations.flatMap((r) => r.members.map((m) => 2016 - m.birthYear));
const share = (p: (n: number) => boolean) => ages.filter(p).length / ages.length;

describe('the synthetic population', () => {
  it('has households of 1 to 8 people, of every size', () => {
    const sizes = new Set(registrations.map((r) => r.members.length));
    expect([...sizes].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('mixes children, working-age adults and elders, women and men', () => {
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(95);
    expect(share((a) => a < 16)).toBeGreaterThan(0.15);
    expect(share((a) => a >= 16 && a <= 59)).toBeGreaterThan(0.45);
    expect(share((a) => a >= 60)).toBeGreaterThan(0.08);
    const women = registrations.flatMap((r) => r.members).filter((m) => m.sex === 'female').length / ages.length;
    expect(women).toBeGreaterThan(0.4);
    expect(women).toBeLessThan(0.6);
  });

  it('gives every child a member old enough, and young enough, to be a parent', () => {
    for (const r of registrations) {
      const a = r.members.map((m) => 2016 - m.birthYear);
      for (const child of a.filter((x) => x < 16)) expect(a.some((p) => p - child >= 19 && p - child <= 45)).toBe(true);
    }
  });

  it('surveys labour capacity and willingness plausibly', () => {
    const surveyed = registrations.flatMap((r) => r.survey?.members ?? []);
    expect(surveyed.length).toBe(ages.length);
    const capacity = (c: string) => surveyed.filter((m) => m.laborCapacity === c).length / surveyed.length;
    expect(capacity('full')).toBeGreaterThan(0.3);
    expect(capacity('partial')).toBeGreaterThan(0.03);
    expect(capacity('none')).toBeGreaterThan(0.2);
    expect(surveyed.filter((m) => m.laborCapacity === 'none').every((m) => !m.wantsWork)).toBe(true);
    expect(surveyed.filter((m) => m.wantsWork).length / surveyed.length).toBeGreaterThan(0.3);
  });
});
