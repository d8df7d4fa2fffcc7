import fc from 'fast-check';
import type { HouseholdProgress } from '../src/projections/household-progress';
import { backlogHeadOf, decodeBacklogHead, encodeBacklogHead } from '../src/projections/backlog-head-codec';
import { backlogStandingAt, latestDateOf } from '../src/projections/backlog-standing';
import { villageAt } from '../src/projections/household-timeline';
import { date, progress } from './support/progress-records';

describe("a household's backlog head (decision 113)", () => {
  it("is the latest date of its record's entries and its village and standing at the head, which are its village and standing at the end of that date or any later one", () => {
    fc.assert(
      fc.property(progress, fc.string({ maxLength: 3 }), date, (p, later, other) => {
        const head = decodeBacklogHead(encodeBacklogHead(backlogHeadOf(p)));
        expect(head).toStrictEqual({ latestOn: latestDateOf(p), village: head.latestOn === null ? null : (villageAt(p.t, head.latestOn) ?? null), standing: backlogStandingAt(p) });
        // The same head packs to the same bytes (a rebuild's rows compare equal).
        expect(encodeBacklogHead(head).equals(encodeBacklogHead(backlogHeadOf(p)))).toBe(true);
        // Any text that sorts at or after the latest date: the backlog reads the head alone there.
        const after = `${head.latestOn ?? ''}${later}`;
        expect(backlogStandingAt(p, after)).toStrictEqual(head.standing);
        expect(villageAt(p.t, after) ?? null).toBe(head.village);
        // Before it, the standing counts only what is dated on or before the date.
        const upTo = { ...p, t: { ...p.t, statuses: p.t.statuses.filter((c) => c[1] <= other) }, backlog: p.backlog.filter((b) => b[1] <= other) };
        expect(backlogStandingAt(p, other)).toStrictEqual(backlogStandingAt(upTo));
      }),
      { numRuns: 500 },
    );
  });

  it('names the status last changed in log order, the first registration and the latest identification and clearance', () => {
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
    expect(latestDateOf(p)).toBe('2016-09-01');
    expect(backlogStandingAt(p)).toStrictEqual({
      status: 'cleared', registeredOn: '2016-01-04', identifiedOn: '2016-03-01', clearedOn: '2016-05-01',
      lastVisitOn: '2016-05-20', lastSurveyOn: '2016-02-01', surveyedOn: ['2016-02-01'],
    });
    expect(backlogStandingAt(p, '2016-04-30')).toStrictEqual({
      status: 'cleared', registeredOn: '2016-01-04', identifiedOn: '2016-03-01', clearedOn: '2016-04-01',
      lastVisitOn: null, lastSurveyOn: '2016-02-01', surveyedOn: ['2016-02-01'],
    });
  });
});
