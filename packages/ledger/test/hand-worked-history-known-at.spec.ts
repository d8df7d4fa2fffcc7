import type { RecordedEvent } from '@hearth/event-store';
import { type Answer, cliHistory, domainAnswer, storedStream, writeAuditStore } from './support/hand-worked-history';

/*
 * hh-audit (support/hand-worked-history.ts) as the ledger knew it at recording times around
 * the back-dated survey (recorded 2016-03-21T09:00Z), the survey's correction (recorded
 * 2016-06-15T10:00Z), the income's correction (2016-10-10T10:00Z) and the late end of the
 * employment (2016-11-15T09:00Z), combined with business dates (decision 154: `--known-at` is
 * recording time, the stream up to the first event recorded after it; a date is the end of
 * that day in UTC; a time names its zone). Worked out by hand; asked of the domain's fold over
 * the events recorded by the instant, and of the real `hearth --json history --known-at`.
 */

type Row = Answer['members'][number];
const aLooking: Row = ['a', 'full', true, true, false];
const aWorking: Row = ['a', 'full', true, true, true];
const bUnable: Row = ['b', 'none', false, false, false];
const bAsKeyed: Row = ['b', 'partial', false, false, false];
const bAble: Row = ['b', 'partial', true, true, false];

/** [as of ('latest': without --as-of), known at as the CLI is given it, the instant it reads, the hand-worked answer] */
const expected: readonly (readonly [string, string, string, Answer])[] = [
  // Before the registration was recorded: nothing known of the household.
  ['latest', '2016-01-09', '2016-01-09T23:59:59.999Z', { status: 'unregistered', openLaborConcerns: [], members: [] }],
  // The survey dated 18 March was not yet recorded on 20 March: b as the February survey found her.
  ['2016-03-19', '2016-03-20', '2016-03-20T23:59:59.999Z', { status: 'identified', openLaborConcerns: [], members: [aLooking, bUnable] }],
  // Recorded at that very instant: known, and as keyed (unwilling).
  ['2016-03-19', '2016-03-21T09:00Z', '2016-03-21T09:00:00.000Z', { status: 'identified', openLaborConcerns: [], members: [aLooking, bAsKeyed] }],
  ['2016-03-19', '2016-03-21T08:59:59.999Z', '2016-03-21T08:59:59.999Z', { status: 'identified', openLaborConcerns: [], members: [aLooking, bUnable] }],
  // The survey's correction, recorded at 10:00 UTC on 15 June (18:00 in UTC+8).
  ['2016-03-19', '2016-06-15T17:59:59.999+08:00', '2016-06-15T09:59:59.999Z', { status: 'identified', openLaborConcerns: [], members: [aLooking, bAsKeyed] }],
  ['2016-03-19', '2016-06-15T18:00+08:00', '2016-06-15T10:00:00.000Z', { status: 'identified', openLaborConcerns: [], members: [aLooking, bAble] }],
  ['2016-06-30', '2016-06-14', '2016-06-14T23:59:59.999Z', { status: 'cleared', openLaborConcerns: [], members: [aWorking, bAsKeyed] }],
  ['2016-06-30', '2016-06-15', '2016-06-15T23:59:59.999Z', { status: 'cleared', openLaborConcerns: [], members: [aWorking, bAble] }],
  // The concern raised on 8 August, known from the day it was keyed, resolved on 1 September.
  ['2016-08-31', '2016-08-07', '2016-08-07T23:59:59.999Z', { status: 'cleared', openLaborConcerns: [], members: [aWorking, bAble] }],
  ['2016-08-31', '2016-08-08', '2016-08-08T23:59:59.999Z', { status: 'cleared', openLaborConcerns: ['v1'], members: [aWorking, bAble] }],
  ['latest', '2016-08-31', '2016-08-31T23:59:59.999Z', { status: 'cleared', openLaborConcerns: ['v1'], members: [aWorking, bAble] }],
  ['latest', '2016-09-01', '2016-09-01T23:59:59.999Z', { status: 'cleared', openLaborConcerns: [], members: [aWorking, bAble] }],
  // The end of the employment on 30 September was keyed on 15 November: until then a still worked.
  ['2016-10-31', '2016-11-15T08:59:59.999Z', '2016-11-15T08:59:59.999Z', { status: 'cleared', openLaborConcerns: [], members: [aWorking, bAble] }],
  ['2016-10-31', '2016-11-15T09:00Z', '2016-11-15T09:00:00.000Z', { status: 'cleared', openLaborConcerns: [], members: [aLooking, bAble] }],
  ['latest', '2016-11-14', '2016-11-14T23:59:59.999Z', { status: 'cleared', openLaborConcerns: [], members: [aWorking, bAble] }],
  ['latest', '2016-11-19', '2016-11-19T23:59:59.999Z', { status: 'cleared', openLaborConcerns: [], members: [aLooking, bAble] }],
  ['latest', '2016-11-20', '2016-11-20T23:59:59.999Z', { status: 'identified', openLaborConcerns: [], members: [aLooking, bAble] }],
];

describe('hh-audit as the ledger knew it at a recording time', () => {
  let store: Awaited<ReturnType<typeof writeAuditStore>>;
  let stream: readonly RecordedEvent[];
  beforeAll(async () => {
    store = await writeAuditStore();
    stream = await storedStream(store.storeUrl);
  });
  afterAll(() => store.cleanup());

  it.each(expected)('as of %s, known at %s (%s): the domain\'s fold and the CLI give the hand-worked answer', (date, text, instant, answer) => {
    const asOf = date === 'latest' ? undefined : date;
    const { incomeOfApril: _income, ...domain } = domainAnswer(stream, asOf, instant);
    expect(domain).toEqual(answer);
    const cli = cliHistory(store.storeUrl, store.policyPath, asOf, text);
    expect(cli.answer).toEqual(answer);
    expect(cli.body.knownAt).toBe(instant);
  });

  it('the April income reads 2000 until its correction is recorded, 2200 from that instant, as of any date after it', () => {
    expect(domainAnswer(stream, '2016-05-31', '2016-10-10T09:59:59.999Z').incomeOfApril).toBe(2000);
    expect(domainAnswer(stream, '2016-05-31', '2016-10-10T10:00:00.000Z').incomeOfApril).toBe(2200);
    // Business time alone changes nothing: the correction says the amount was always 2200.
    expect(domainAnswer(stream, '2016-05-02').incomeOfApril).toBe(2200);
    expect(domainAnswer(stream, '2016-05-01').incomeOfApril).toBeUndefined();
  });

  it('known before a correction, the CLI lists no correction after the date asked; known after, it lists the ones recorded by then', () => {
    const before = cliHistory(store.storeUrl, store.policyPath, '2016-05-31', '2016-06-15T09:59:59.999Z').body;
    const between = cliHistory(store.storeUrl, store.policyPath, '2016-05-31', '2016-10-10T09:59:59.999Z').body;
    const after = cliHistory(store.storeUrl, store.policyPath, '2016-05-31', '2016-10-10T10:00Z').body;
    expect(before.laterCorrections).toEqual([]);
    expect(between.laterCorrections.map((l) => [l.occurredOn, l.correctedType, l.correction])).toEqual([
      ['2016-06-15', 'HouseholdSurveyed', { members: [expect.objectContaining({ memberId: 'a', wantsWork: true }), expect.objectContaining({ memberId: 'b', laborCapacity: 'partial', wantsWork: true })] }],
    ]);
    expect(after.laterCorrections.map((l) => [l.occurredOn, l.correctedType, l.correction])).toEqual([
      ['2016-06-15', 'HouseholdSurveyed', expect.anything()],
      ['2016-10-10', 'IncomeRecorded', { amount: 2200 }],
    ]);
    // The income event itself stays as recorded: the log is append-only (domain.md §1.6).
    for (const body of [before, between, after]) {
      expect(body.events.find((e) => e.type === 'IncomeRecorded')?.data).toMatchObject({ month: '2016-04', amount: 2000 });
    }
  });
});
