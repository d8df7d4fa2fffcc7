import fc from 'fast-check';
import { BacklogStanding, backlogStandingAt, StandingSource } from '../src/projections/backlog-standing';
import { backlogTimelineOf, decodeBacklogTimeline, encodeBacklogTimeline } from '../src/projections/backlog-timeline';
import type { HouseholdProgress } from '../src/projections/household-progress';
import { villageAt } from '../src/projections/household-timeline';
import { statusAfterChange } from '../src/projections/household-status.projection';
import type { Status } from '@hearth/domain';
import { date, progress } from './support/progress-records';
import { propertyRuns } from '@hearth/domain/testing';

/**
 * The standing as its definition reads: the status changes dated on or before the date, in
 * log order (a stable sort by position), folded (decision 164: the last one's `to`, but a
 * survey's, which makes a registered household surveyed); the first registration, the latest
 * identification or relapse (decision 116) and clearance; the visits and surveys
 * dated on or before it, the latest dated (decision 128). The oracle of the one-pass fold.
 */
const standingBySorting = (p: StandingSource, date: string): BacklogStanding => {
  const inOrder = <E extends readonly [number, string, ...unknown[]]>(l: readonly E[]): E[] => l.filter((e) => e[1] <= date).sort((a, b) => a[0] - b[0]);
  const statuses = inOrder(p.t.statuses);
  const dates = (...types: string[]): string[] => statuses.filter((c) => types.includes(c[2])).map((c) => c[1]).sort();
  const of = (kind: string): string[] => inOrder(p.backlog).filter((b) => b[2] === kind).map((b) => b[1]).sort();
  const identified = dates('HouseholdIdentified', 'HouseholdRelapsed');
  const cleared = dates('HouseholdCleared');
  const visits = of('follow-up');
  const surveys = of('household-surveyed');
  return {
    status: statuses.reduce<Status | null>((s, c) => statusAfterChange(s ?? 'unregistered', c[2], c[4]), null),
    registeredOn: dates('HouseholdRegistered')[0] ?? null,
    identifiedOn: identified.at(-1) ?? null,
    clearedOn: cleared.at(-1) ?? null,
    lastVisitOn: visits.at(-1) ?? null,
    lastSurveyOn: surveys.at(-1) ?? null,
    surveyedOn: [...new Set(surveys)].sort(),
  };
};

describe("a household's backlog timeline (decision 113)", () => {
  it("packs and unpacks exactly, and gives the household's village and standing at any date as its whole record does", () => {
    let cut = 0;
    let named = 0;
    let relapsed = 0;
    fc.assert(
      fc.property(progress, date, (p, on) => {
        const timeline = decodeBacklogTimeline(encodeBacklogTimeline(backlogTimelineOf(p)));
        expect(timeline).toStrictEqual(backlogTimelineOf(p));
        // The same timeline packs to the same bytes (a rebuild's rows compare equal).
        expect(encodeBacklogTimeline(timeline).equals(encodeBacklogTimeline(backlogTimelineOf(p)))).toBe(true);
        expect(backlogStandingAt(timeline, on)).toStrictEqual(backlogStandingAt(p, on));
        expect(backlogStandingAt(p, on)).toStrictEqual(standingBySorting(p, on));
        expect(villageAt(timeline.t, on)).toBe(villageAt(p.t, on));
        // Only what is dated on or before the date counts.
        const upTo = { ...p, t: { ...p.t, statuses: p.t.statuses.filter((c) => c[1] <= on) }, backlog: p.backlog.filter((b) => b[1] <= on) };
        expect(backlogStandingAt(p, on)).toStrictEqual(backlogStandingAt(upTo, '\uffff'));
        if (upTo.t.statuses.length > 0 && upTo.t.statuses.length < p.t.statuses.length) cut++;
        const standing = backlogStandingAt(p, on);
        if (standing.identifiedOn !== null || standing.clearedOn !== null) named++;
        if (upTo.t.statuses.some((c) => c[2] === 'HouseholdRelapsed')) relapsed++;
      }),
      propertyRuns(500, process.env),
    );
    // Dates fell inside the records (changes after them left out), and the standings named identifications, relapses and
    // clearances: what the property is about was exercised, not only empty standings.
    expect(cut).toBeGreaterThan(50);
    expect(named).toBeGreaterThan(20);
    expect(relapsed).toBeGreaterThan(5);
  });

  it('names the status last changed in log order, the first registration, the latest identification or relapse (decision 116) and clearance, the visit and survey dated last (decision 128)', () => {
    const p: HouseholdProgress = {
      t: {
        villages: [[1, '2016-01-04', 'V1']],
        statuses: [
          [1, '2016-01-04', 'HouseholdRegistered', 'unregistered', 'registered'],
          [9, '2016-05-01', 'HouseholdCleared', 'identified', 'cleared'],
          [5, '2016-03-01', 'HouseholdIdentified', 'applied', 'identified'],
          [12, '2016-09-01', 'HouseholdRelapsed', 'cleared', 'identified'],
          [14, '2016-04-01', 'HouseholdCleared', 'identified', 'cleared'],
        ],
        concerns: {},
      },
      members: [[1, '2016-01-04', 'm1', 1980, null, null, 0]],
      activity: [],
      backlog: [
        [2, '2016-02-01', 'household-surveyed', null, null],
        [10, '2016-06-01', 'follow-up', null, 'v1'],
        [3, '2016-02-01', 'household-surveyed', null, null],
        [11, '2016-05-20', 'follow-up', null, 'v2'],
      ],
    };
    expect(backlogStandingAt(p, '2016-12-31')).toStrictEqual({
      status: 'cleared', registeredOn: '2016-01-04', identifiedOn: '2016-09-01', clearedOn: '2016-05-01',
      lastVisitOn: '2016-06-01', lastSurveyOn: '2016-02-01', surveyedOn: ['2016-02-01'],
    });
    expect(backlogStandingAt(p, '2016-04-30')).toStrictEqual({
      status: 'cleared', registeredOn: '2016-01-04', identifiedOn: '2016-03-01', clearedOn: '2016-04-01',
      lastVisitOn: null, lastSurveyOn: '2016-02-01', surveyedOn: ['2016-02-01'],
    });
  });
});
