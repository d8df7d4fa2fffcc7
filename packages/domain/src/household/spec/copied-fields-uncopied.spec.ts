import { clearedHousehold, command as c, employmentEnded, GivenFact, income } from '../../testing/fixtures';
import { outcomeOf } from '../../testing/given-when-then';

/**
 * The other side of ADR 174: what no later event copies stays correctable after the events
 * that follow. An employment from a referral records the command's own terms, not the
 * referral's (rules/employment.ts); an income, an end and a clearance repeat no term of the
 * employment, only its member and id, and a clearance reads its employments' business
 * dates, which live in the envelope and are not corrected. In `paidAndEnded` the referral
 * is e4, its acceptance e5, the employment e6 (from r1), the clearance e7, an income e8 and
 * the end e9.
 */
const paidAndEnded: readonly GivenFact[] = [...clearedHousehold, income('e1', '2016-07', 2800), employmentEnded('e1')];
const correctionRecorded = (eventId: string, correction: Record<string, unknown>): string | undefined =>
  outcomeOf(paidAndEnded, c('CorrectEvent', { eventId, correction, reason: 'copied from the wrong form' })).events?.[0]?.type;

describe('a correction of what nothing later copies is recorded', () => {
  it("a referral's terms, after the employment that came from it", () => {
    expect(correctionRecorded('e4', { employer: 'Paper mill', position: 'Packer', place: 'local', form: 'flexible', offeredMonthlyWage: 2500 })).toBe('EventCorrected');
  });

  it("an employment's terms, after its income, its end and the clearance it counted for", () => {
    expect(correctionRecorded('e6', { form: 'flexible', place: 'local', monthlyIncome: 3100, contractSigned: false, employer: 'Paper mill' })).toBe('EventCorrected');
  });

  it("an end's reason and an income's amount, after the events that follow them", () => {
    expect(correctionRecorded('e9', { reason: 'quit' })).toBe('EventCorrected');
    expect(correctionRecorded('e8', { amount: 2750 })).toBe('EventCorrected');
  });
});
