import type { RecordedEvent } from '@hearth/event-store';
import { type Answer, cliHistory, domainAnswer, storedStream, writeAuditStore } from './support/hand-worked-history';

/*
 * hh-audit (support/hand-worked-history.ts) replayed to business dates, as the ledger knows it
 * now (decision 154: `--as-of` is business time, every correction applied whatever its date).
 * Worked out by hand from domain.md §4 (status, "Eligible member": working age, capacity and
 * willingness from the latest dated survey (decision 130), employed from the start to the day
 * before the end) and §1.5 (a concern raised by a visit stays open until resolved). Asked of
 * the domain's fold over the stored stream and of the real `hearth --json history`: both must
 * give the hand-worked answer.
 */

type Row = Answer['members'][number];
const unsurveyed: readonly Row[] = [['a', null, false, false, false], ['b', null, false, false, false]];
const aLooking: Row = ['a', 'full', true, true, false];
const aWorking: Row = ['a', 'full', true, true, true];
const bUnable: Row = ['b', 'none', false, false, false];
// The survey of 18 March as corrected on 15 June: partial capacity and, corrected, willing.
const bAble: Row = ['b', 'partial', true, true, false];

const expected: readonly (readonly [string, Answer])[] = [
  ['2016-01-09', { status: 'unregistered', openLaborConcerns: [], members: [] }],
  ['2016-01-10', { status: 'registered', openLaborConcerns: [], members: unsurveyed }],
  ['2016-02-09', { status: 'registered', openLaborConcerns: [], members: unsurveyed }],
  ['2016-02-10', { status: 'surveyed', openLaborConcerns: [], members: [aLooking, bUnable] }],
  ['2016-02-19', { status: 'surveyed', openLaborConcerns: [], members: [aLooking, bUnable] }],
  ['2016-02-20', { status: 'applied', openLaborConcerns: [], members: [aLooking, bUnable] }],
  ['2016-02-29', { status: 'applied', openLaborConcerns: [], members: [aLooking, bUnable] }],
  ['2016-03-01', { status: 'identified', openLaborConcerns: [], members: [aLooking, bUnable] }],
  ['2016-03-17', { status: 'identified', openLaborConcerns: [], members: [aLooking, bUnable] }],
  // The back-dated survey holds from its own date, though it was recorded on 21 March.
  ['2016-03-18', { status: 'identified', openLaborConcerns: [], members: [aLooking, bAble] }],
  ['2016-03-31', { status: 'identified', openLaborConcerns: [], members: [aLooking, bAble] }],
  ['2016-04-01', { status: 'identified', openLaborConcerns: [], members: [aWorking, bAble] }],
  ['2016-05-09', { status: 'identified', openLaborConcerns: [], members: [aWorking, bAble] }],
  ['2016-05-10', { status: 'cleared', openLaborConcerns: [], members: [aWorking, bAble] }],
  ['2016-08-07', { status: 'cleared', openLaborConcerns: [], members: [aWorking, bAble] }],
  ['2016-08-08', { status: 'cleared', openLaborConcerns: ['v1'], members: [aWorking, bAble] }],
  ['2016-08-31', { status: 'cleared', openLaborConcerns: ['v1'], members: [aWorking, bAble] }],
  ['2016-09-01', { status: 'cleared', openLaborConcerns: [], members: [aWorking, bAble] }],
  ['2016-09-29', { status: 'cleared', openLaborConcerns: [], members: [aWorking, bAble] }],
  // Ended on 30 September (recorded on 15 November): "not ended before or on d".
  ['2016-09-30', { status: 'cleared', openLaborConcerns: [], members: [aLooking, bAble] }],
  ['2016-11-19', { status: 'cleared', openLaborConcerns: [], members: [aLooking, bAble] }],
  ['2016-11-20', { status: 'identified', openLaborConcerns: [], members: [aLooking, bAble] }],
  ['2017-06-30', { status: 'identified', openLaborConcerns: [], members: [aLooking, bAble] }],
];

describe('hh-audit as of a business date, as the ledger knows it now', () => {
  let store: Awaited<ReturnType<typeof writeAuditStore>>;
  let stream: readonly RecordedEvent[];
  beforeAll(async () => {
    store = await writeAuditStore();
    stream = await storedStream(store.storeUrl);
  });
  afterAll(() => store.cleanup());

  it.each(expected)('as of %s, the domain\'s fold and the CLI give the hand-worked status, concerns and members', (asOf, answer) => {
    const { incomeOfApril: _income, ...domain } = domainAnswer(stream, asOf);
    expect(domain).toEqual(answer);
    expect(cliHistory(store.storeUrl, store.policyPath, asOf).answer).toEqual(answer);
  });

  it('without a date, is the household at its latest business date: identified after the relapse, nobody employed', () => {
    const answer: Answer = { status: 'identified', openLaborConcerns: [], members: [aLooking, bAble] };
    const cli = cliHistory(store.storeUrl, store.policyPath);
    expect(cli.answer).toEqual(answer);
    const { incomeOfApril, ...domain } = domainAnswer(stream);
    expect(domain).toEqual(answer);
    expect(cli.body).toMatchObject({ householdId: 'hh-audit', divisionCode: 'V1', asOf: null, knownAt: null, laterCorrections: [], anomalies: [] });
    // The April income as corrected in October (the domain's state keeps it; the CLI shows events only).
    expect(incomeOfApril).toBe(2200);
  });
});
