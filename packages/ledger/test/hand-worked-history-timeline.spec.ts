import type { RecordedEvent } from '@hearth/event-store';
import { type HistoryJson, cliHistory, hearthJson, storedStream, writeAuditStore } from './support/hand-worked-history';

/*
 * hh-audit's timeline as an auditor reads it (domain.md §5 "Household audit": each event with
 * business date, recorded time, actor, note, hash check; decision 154: `--as-of` cuts `events`
 * at the date and lists the corrections dated after it in `laterCorrections`), and `hearth
 * verify` over the log (§5: no anomaly on a true log; a notice for each event recorded more
 * than 30 days after its business date). Worked out by hand from support/hand-worked-history.ts's
 * sittings; the CLI's answer is compared with the stored stream read through the ledger.
 */

const LI = 'cw-li';
/** [type, business date, recorded at, actor, note], in the order the log holds them. */
const timeline: readonly (readonly [string, string, string, string, string | null])[] = [
  ['HouseholdRegistered', '2016-01-10', '2016-01-10T09:00:00.000Z', LI, null],
  ['HouseholdSurveyed', '2016-02-10', '2016-02-10T09:00:00.000Z', LI, null],
  ['IdentificationApplied', '2016-02-20', '2016-02-20T09:00:00.000Z', LI, null],
  ['HouseholdIdentified', '2016-03-01', '2016-03-01T09:00:00.000Z', LI, null],
  ['TrainingOffered', '2016-03-05', '2016-03-05T09:00:00.000Z', LI, null],
  ['TrainingAccepted', '2016-03-08', '2016-03-08T09:00:00.000Z', LI, null],
  ['MemberReferred', '2016-03-15', '2016-03-15T09:00:00.000Z', LI, null],
  ['ReferralAccepted', '2016-03-20', '2016-03-20T09:00:00.000Z', LI, null],
  // Dated before the acceptance, recorded after it: the log keeps recording order.
  ['HouseholdSurveyed', '2016-03-18', '2016-03-21T09:00:00.000Z', 'cw-zhao', 'second visit, keyed late'],
  ['MemberEmployed', '2016-04-01', '2016-04-01T09:00:00.000Z', LI, null],
  ['IncomeRecorded', '2016-05-02', '2016-05-02T09:00:00.000Z', LI, null],
  ['HouseholdCleared', '2016-05-10', '2016-05-10T09:00:00.000Z', LI, null],
  ['EventCorrected', '2016-06-15', '2016-06-15T10:00:00.000Z', 'supervisor-wang', null],
  // One follow-up command, two events: the visit and the concern it raised.
  ['FollowUpVisited', '2016-08-08', '2016-08-08T09:00:00.000Z', LI, null],
  ['LaborConcernRaised', '2016-08-08', '2016-08-08T09:00:00.000Z', LI, null],
  ['LaborConcernResolved', '2016-09-01', '2016-09-01T09:00:00.000Z', LI, null],
  ['EventCorrected', '2016-10-10', '2016-10-10T10:00:00.000Z', 'supervisor-wang', null],
  ['EmploymentEnded', '2016-09-30', '2016-11-15T09:00:00.000Z', LI, 'from the paper file'],
  ['HouseholdRelapsed', '2016-11-20', '2016-11-20T09:00:00.000Z', LI, null],
];
/** Where the entries the tests name stand in `timeline` (and in the stored stream). */
const IDENTIFIED = 3;
const SURVEY_OF_MARCH = 8;
const INCOME = 10;
const CLEARED = 11;
const SURVEY_CORRECTION = 12;
const INCOME_CORRECTION = 16;
const LATE_END = 17;

/** The i-th entry, which the hand-worked timeline says is there. */
const nth = <T>(list: readonly T[], i: number): T => {
  const found = list[i];
  if (found === undefined) throw new Error(`no entry ${i}`);
  return found;
};

const rows = (body: HistoryJson) => body.events.map((e) => [e.type, e.occurredOn, e.recordedAt, e.actor, e.note]);

describe('hh-audit\'s timeline, and verify over its log', () => {
  let store: Awaited<ReturnType<typeof writeAuditStore>>;
  let stream: readonly RecordedEvent[];
  let live: HistoryJson;
  beforeAll(async () => {
    store = await writeAuditStore();
    stream = await storedStream(store.storeUrl);
    live = cliHistory(store.storeUrl, store.policyPath).body;
  });
  afterAll(() => store.cleanup());

  it('lists every event in the order recorded, with its business date, recorded time, actor and note, each hash checked ok', () => {
    expect(rows(live)).toEqual(timeline);
    expect(live.events.map((e) => e.hashOk)).toEqual(timeline.map(() => true));
    // The stored stream, read through the ledger, holds the same events at the same positions.
    expect(live.events.map((e) => e.position)).toEqual(stream.map((r) => r.position));
    expect(stream.map((r) => [r.type, r.metadata.occurredOn, r.metadata.recordedAt, r.metadata.actor, r.metadata.note ?? null])).toEqual(timeline);
  });

  it('the rules\' own records: identification names the eligible member a, clearance the active employment e1', () => {
    expect(nth(live.events, IDENTIFIED).data).toEqual({ eligibleMemberIds: ['a'] });
    expect(nth(live.events, CLEARED).data).toEqual({ activeEmploymentIds: ['e1'] });
  });

  it('shows each correction as what it is: an EventCorrected naming the event, its type, the amended fields and why, the original left as recorded', () => {
    const [survey, income] = [SURVEY_CORRECTION, INCOME_CORRECTION].map((i) => nth(live.events, i).data);
    // domain.md §4 names CorrectEvent's fields (eventId, correction, reason) but not the event's: `correctedType` is the code's, kept.
    expect(survey).toEqual({
      eventId: nth(stream, SURVEY_OF_MARCH).eventId, correctedType: 'HouseholdSurveyed', reason: 'wantsWork keyed unticked',
      correction: { members: [expect.objectContaining({ memberId: 'a', laborCapacity: 'full', wantsWork: true }), expect.objectContaining({ memberId: 'b', laborCapacity: 'partial', wantsWork: true })] },
    });
    expect(income).toEqual({ eventId: nth(stream, INCOME).eventId, correctedType: 'IncomeRecorded', correction: { amount: 2200 }, reason: 'amount from the payslip' });
    expect(nth(live.events, SURVEY_OF_MARCH).data).toMatchObject({ members: [expect.anything(), expect.objectContaining({ memberId: 'b', wantsWork: false })] });
    expect(nth(live.events, INCOME).data).toMatchObject({ amount: 2000 });
    expect(live.laterCorrections).toEqual([]);
  });

  it('as of 19 March, stops at the events dated by then (the survey of the 18th in, the acceptance of the 20th out) and lists the survey\'s correction', () => {
    const { body } = cliHistory(store.storeUrl, store.policyPath, '2016-03-19');
    expect(rows(body)).toEqual([...timeline.slice(0, 7), nth(timeline, SURVEY_OF_MARCH)]);
    expect(body.laterCorrections).toEqual([{
      position: nth(stream, SURVEY_CORRECTION).position, occurredOn: '2016-06-15', recordedAt: '2016-06-15T10:00:00.000Z', actor: 'supervisor-wang', note: null,
      correctedEventId: nth(stream, SURVEY_OF_MARCH).eventId, correctedPosition: nth(stream, SURVEY_OF_MARCH).position, correctedType: 'HouseholdSurveyed',
      correction: nth(live.events, SURVEY_CORRECTION).data.correction, reason: 'wantsWork keyed unticked',
    }]);
  });

  it('as of 30 September, holds the late-recorded end of employment dated that day, and lists only the income\'s correction', () => {
    const { body } = cliHistory(store.storeUrl, store.policyPath, '2016-09-30');
    expect(rows(body)).toEqual([...timeline.slice(0, 16), nth(timeline, LATE_END)]);
    expect(body.laterCorrections.map((l) => [l.occurredOn, l.correctedPosition, l.correctedType, l.correction])).toEqual([
      ['2016-10-10', nth(stream, INCOME).position, 'IncomeRecorded', { amount: 2200 }],
    ]);
  });

  it('known at 14 November, the late end is not in the timeline yet; the stream\'s anomalies are none whatever the times asked', () => {
    const { body } = cliHistory(store.storeUrl, store.policyPath, undefined, '2016-11-14');
    expect(rows(body)).toEqual(timeline.slice(0, 17));
    expect(body.anomalies).toEqual([]);
    expect(cliHistory(store.storeUrl, store.policyPath, '2016-03-19', '2016-03-20').body.anomalies).toEqual([]);
    expect(live.anomalies).toEqual([]);
  });

  it('verify finds no anomaly, and exactly one notice: the end of employment recorded 46 days after its date', () => {
    const { code, body } = hearthJson<{ anomalies: unknown[]; notices: unknown[]; noticesFound: number }>(store.storeUrl, store.policyPath, ['verify']);
    expect(code).toBe(0);
    expect(body.anomalies).toEqual([]);
    // The contract does not word a notice: the detail is the code's (late-recording.ts), kept; the 46 days are the contract's.
    expect(body.notices).toEqual([{
      householdId: 'hh-audit', position: nth(stream, LATE_END).position, kind: 'late-recording',
      detail: 'EmploymentEnded of 2016-09-30 recorded 46 days later, at 2016-11-15T09:00:00.000Z',
    }]);
    expect(body.noticesFound).toBe(1);
  });
});
