import { HouseholdCommand } from '@hearth/domain';
import { InMemoryEventStore } from '@hearth/event-store';
import { verifyLog } from '../src';
import { feed } from './support/feed';
import { context } from './support/region';

/**
 * verify's two checks that count the day an event was recorded, for a caseworker away from
 * UTC: `late-recording` (more than lateRecordingDays, 30 in the reference policy, after the
 * business date: domain.md §5.6) and `dated-after-recording` (decision 0135). Both count the
 * recording day in UTC (decision 0154), never the recording office's calendar, which the log
 * does not hold.
 */
const registration = (householdId: string, on: string): HouseholdCommand =>
  ({ type: 'RegisterHousehold', householdId, on, divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] }) as HouseholdCommand;

/** verify's findings for one household registered `on`, recorded at `at`. */
const findingsOf = async (on: string, at: string) => {
  const store = new InMemoryEventStore();
  await feed(store, [registration('h-zone', on)], context, { strict: true, recordedAt: () => at });
  const { anomalies, notices } = await verifyLog(store, context);
  return { anomalies, notices };
};

describe('the late-recording notice counts days to the UTC date of the recording', () => {
  it('30 days is no notice, 31 days is one, at noon UTC', async () => {
    expect((await findingsOf('2016-01-31', '2016-03-01T12:00:00.000Z')).notices).toEqual([]);
    expect((await findingsOf('2016-01-30', '2016-03-01T12:00:00.000Z')).notices).toEqual([
      { householdId: 'h-zone', position: 1, kind: 'late-recording', detail: 'HouseholdRegistered of 2016-01-30 recorded 31 days later, at 2016-03-01T12:00:00.000Z' },
    ]);
  });

  it('in New York (UTC-5) at 21:00 on 29 February 2016, a record of 30 days before in that office is a notice of 31 days (code\'s answer, decision 0154)', async () => {
    // 30 January to 29 February is 30 days in New York's calendar; at 02:00 UTC it is already 1 March.
    const { anomalies, notices } = await findingsOf('2016-01-30', '2016-03-01T02:00:00.000Z');
    expect(anomalies).toEqual([]);
    expect(notices.map((n) => n.detail)).toEqual(['HouseholdRegistered of 2016-01-30 recorded 31 days later, at 2016-03-01T02:00:00.000Z']);
  });

  it('in Shanghai (UTC+8) at 07:00 on 1 March 2016, a record of 31 days before in that office is no notice: 30 days to the UTC date', async () => {
    expect(await findingsOf('2016-01-30', '2016-02-29T23:00:00.000Z')).toEqual({ anomalies: [], notices: [] });
  });
});

describe('an event dated after the day it was recorded, as verify reads it', () => {
  it("is nothing when dated the recording office's today east of UTC, the day after the UTC date", async () => {
    // 07:00 on 1 January 2017 in Shanghai.
    expect(await findingsOf('2017-01-01', '2016-12-31T23:00:00.000Z')).toEqual({ anomalies: [], notices: [] });
  });

  it('is one anomaly when dated two days after the UTC date, whatever office recorded it', async () => {
    // The ledger refuses it (decision 0135); the feed's context names no recording time, so it is stored as a log written before that rule holds it.
    const { anomalies } = await findingsOf('2017-01-02', '2016-12-31T23:00:00.000Z');
    expect(anomalies).toEqual([
      { householdId: 'h-zone', position: 1, kind: 'dated-after-recording', detail: expect.stringMatching(/^HouseholdRegistered: business date 2017-01-02 is after 2017-01-01, the latest date anywhere on earth when it was recorded \(2016-12-31T/) },
    ]);
  });
});
