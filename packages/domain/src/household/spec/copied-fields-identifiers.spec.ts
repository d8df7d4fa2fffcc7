import { ev } from '../events';
import { clearedHousehold, command as c, employmentEnded, GivenFact, identifiedHousehold, income, referralAccepted, referred, trainingAccepted, trainingOffered } from '../../testing/fixtures';
import { rejectionOf } from '../../testing/given-when-then';

/**
 * The copies ADR 174 needs no replay for: an answer, end or income repeats the `memberId` of
 * the offer, referral or employment it names (rules/training.ts, referrals.ts, employment.ts),
 * and a clearance the ids of the employments active on its date (rules/clearance.ts). Ids are
 * not correctable (correction.ts: a wrong one is a different fact), neither at the source nor
 * in the copy, so no correction can make them differ.
 */
const notCorrectable = (field: string) => [{ path: `correction.${field}`, message: 'not a correctable field of the event' }];
const trained: readonly GivenFact[] = [...identifiedHousehold, trainingOffered('t1'), trainingAccepted('t1')];
const declinedReferral: readonly GivenFact[] = [...identifiedHousehold, referred('r1'), { event: ev('ReferralDeclined', { referralId: 'r1', memberId: 'm1' }), on: '2016-05-02' }];
const paidAndEnded: readonly GivenFact[] = [...clearedHousehold, income('e1', '2016-07', 2800), employmentEnded('e1')];
const refusedFields = (history: readonly GivenFact[], eventId: string, field: string) =>
  rejectionOf(history, c('CorrectEvent', { eventId, correction: { [field]: 'm2' }, reason: 'wrong person' }))?.fields;

describe('a correction of the member an offer, referral or employment names', () => {
  it.each([
    ['a training offer, after its acceptance', trained, 'e4'],
    ['a referral, after its acceptance', [...identifiedHousehold, referred('r1'), referralAccepted('r1')], 'e4'],
    ['a referral, after its decline', declinedReferral, 'e4'],
    ['an employment, after an income and its end', paidAndEnded, 'e6'],
  ] as const)('of %s is INVALID_CORRECTION: a member id is not correctable', (_, history, eventId) => {
    expect(refusedFields(history, eventId, 'memberId')).toEqual(notCorrectable('memberId'));
  });
});

describe('a correction of the member id where a later event copied it', () => {
  it.each([
    ['TrainingAccepted', trained, 'e5'],
    ['ReferralDeclined', declinedReferral, 'e5'],
    ['IncomeRecorded', paidAndEnded, 'e8'],
    ['EmploymentEnded', paidAndEnded, 'e9'],
  ] as const)('in %s is INVALID_CORRECTION: a member id is not correctable', (_, history, eventId) => {
    expect(refusedFields(history, eventId, 'memberId')).toEqual(notCorrectable('memberId'));
  });
});

describe("a correction of a clearance's active employments", () => {
  it('is INVALID_CORRECTION: employment ids are not correctable', () => {
    const refused = rejectionOf(clearedHousehold, c('CorrectEvent', { eventId: 'e7', correction: { activeEmploymentIds: ['e2'] }, reason: 'wrong job' }));
    expect(refused?.fields).toEqual(notCorrectable('activeEmploymentIds'));
  });
});
