import { HouseholdCommand, referencePolicy } from '@hearth/domain';
import { generateDivisions, SyntheticRegion } from './index';
import { Applied, applyHousehold, divisionTree } from './testing/apply';

/**
 * A region of a few hundred households, generated once and applied command by command
 * through the domain's own Decider (decoded from JSON first, as an import would).
 */
const opts = { households: 400, seed: 1 };
const region = new SyntheticRegion(opts);
const tree = divisionTree(generateDivisions(opts));
const households: { commands: HouseholdCommand[]; mistakes: Set<number>; applied: Applied }[] = [];
for (let i = 0; i < opts.households; i++) {
  const commands: HouseholdCommand[] = [];
  const mistakes = new Set<number>();
  region.simulate(i, (c, _day, mistake) => {
    if (mistake) mistakes.add(commands.length);
    commands.push(c);
  });
  households.push({ commands, mistakes, applied: applyHousehold(commands, tree) });
}
const all = households.flatMap((h) => h.commands);
const events = households.flatMap((h) => h.applied.events);
const rejections = households.flatMap((h) => h.applied.rejected);
const countOf = (type: string) => events.filter((e) => e.type === type).length;

describe('a generated region applied through the household Decider', () => {
  it('decodes every command with the domain codecs', () => {
    expect(households.flatMap((h) => h.applied.invalid)).toEqual([]);
  });

  it('has a small share of rejected commands, and none back-dated', () => {
    const share = rejections.length / all.length;
    expect(share).toBeGreaterThanOrEqual(0.002);
    expect(share).toBeLessThanOrEqual(0.03);
    expect(rejections.filter((r) => r.code === 'BACKDATED')).toEqual([]);
  });

  it('mirrors the domain: exactly the deliberate mistakes are rejected', () => {
    for (const h of households) {
      const rejected = new Set(h.applied.rejected.map((r) => r.index));
      const unexpected = h.applied.rejected.filter((r) => !h.mistakes.has(r.index));
      expect(unexpected).toEqual([]);
      expect([...h.mistakes].filter((k) => !rejected.has(k))).toEqual([]);
    }
    expect(new Set(rejections.map((r) => r.code)).size).toBeGreaterThanOrEqual(4);
  });

  it('keeps business dates in order within each household, and ids unique', () => {
    for (const h of households) {
      const dates = h.commands.map((c) => c.on);
      expect(dates).toEqual([...dates].sort());
    }
    expect(new Set(all.map((c) => c.commandId)).size).toBe(all.length);
    expect(all.every((c) => /^caseworker:P\d{2}C\d{2}-\d$/.test(c.actor ?? ''))).toBe(true);
  });

  it('follows the programme rhythm in 2016', () => {
    const first = (type: string) => households.map((h) => h.commands.find((c) => c.type === type)?.on).filter((d): d is string => d !== undefined);
    expect(first('RegisterHousehold').every((d) => d < '2016-04-01')).toBe(true);
    expect(first('SurveyHousehold').every((d) => d <= '2016-04-20')).toBe(true);
    const identified = first('IdentifyHousehold');
    const beforeCutoff = identified.filter((d) => d <= referencePolicy.baselineCutoff).length;
    expect(beforeCutoff / identified.length).toBeGreaterThan(0.75);
    expect(beforeCutoff).toBeLessThan(identified.length); // some are identified later
  });

  it('reaches every status', () => {
    const reached = new Set(households.flatMap((h) => h.applied.statuses));
    for (const s of ['registered', 'surveyed', 'applied', 'identified', 'cleared', 'withdrawn', 'exempted', 'deregistered']) expect(reached).toContain(s);
    // Relapsed back: cleared, then identified again, then cleared again.
    const backAndForth = households.filter((h) => /cleared,identified,cleared/.test(h.applied.statuses.join(','))).length;
    expect(backAndForth).toBeGreaterThan(0);
  });

  it('records declines, labour concerns, relapses, incomes and the other side-roads', () => {
    const expected = [
      'ReferralDeclined', 'TrainingDeclined', 'TrainingLeft', 'MemberTrained', 'LaborConcernRaised', 'LaborConcernResolved',
      'HouseholdRelapsed', 'IncomeRecorded', 'WillingnessWithdrawn', 'WillingnessDeclared', 'ApplicationWithdrawn', 'ApplicationRejected',
      'MemberAdded', 'MemberRemoved', 'HouseholdWithdrew', 'HouseholdExempted', 'HouseholdDeregistered',
    ];
    expect(expected.filter((type) => countOf(type) === 0)).toEqual([]);
    const declined = countOf('ReferralDeclined') / countOf('MemberReferred');
    expect(declined).toBeGreaterThan(0.2);
    expect(declined).toBeLessThan(0.4);
    const ended = households.flatMap((h) => h.commands).filter((c) => c.type === 'EndEmployment');
    expect(ended.some((c) => c.type === 'EndEmployment' && c.reason === 'seasonal-end')).toBe(true);
    // Relapse follows the end of employment.
    for (const h of households) {
      h.commands.forEach((c, k) => {
        if (c.type !== 'RecordRelapse' || h.mistakes.has(k)) return;
        expect(h.commands.slice(0, k).some((p) => p.type === 'EndEmployment')).toBe(true);
      });
    }
  });

  it('clears the baseline roughly at the pace of the policy targets', () => {
    const cleared: Record<number, number> = {};
    let baseline = 0;
    for (const h of households) {
      const first = h.applied.events.find((e) => e.type === 'HouseholdIdentified');
      if (first === undefined || first.on > referencePolicy.baselineCutoff) continue;
      baseline++;
      for (const year of [2016, 2017, 2018, 2019, 2020]) {
        let status = '';
        for (const e of h.applied.events) {
          if (e.on > `${year}-12-31`) break;
          if (e.type === 'HouseholdCleared') status = 'cleared';
          else if (['HouseholdRelapsed', 'HouseholdWithdrew', 'HouseholdExempted', 'HouseholdDeregistered'].includes(e.type)) status = '';
        }
        if (status === 'cleared') cleared[year] = (cleared[year] ?? 0) + 1;
      }
    }
    expect(baseline).toBeGreaterThan(opts.households / 2);
    let cumulative = 0;
    for (const year of [2016, 2017, 2018, 2019, 2020]) {
      cumulative += (referencePolicy.targetSharesBp[year] ?? 0) / 10000;
      const achieved = (cleared[year] ?? 0) / baseline;
      expect(achieved).toBeGreaterThan(cumulative - 0.15);
      expect(achieved).toBeLessThan(cumulative + 0.05);
    }
  });

  it('leaves annual survey updates by the end of February for most active households', () => {
    for (const year of [2017, 2018, 2019, 2020]) {
      const updated = households.filter((h) => h.commands.some((c) => c.type === 'SurveyHousehold' && c.on.startsWith(`${year}-`) && c.on <= `${year}-02-29`)).length;
      expect(updated / households.length).toBeGreaterThan(0.8);
    }
  });
});
