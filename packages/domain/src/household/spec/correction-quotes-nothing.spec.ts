import { ev } from '../events';
import { command as c, employed, GivenFact, identifiedHousehold, referred, registered } from '../../testing/fixtures';
import { rejectionOf } from '../../testing/given-when-then';

/**
 * A refused correction's words may be kept in the log for ever (an Idempotency-Key's
 * recorded answer, decision 158; an import's checkpoint, decision 160), so they repeat
 * nothing the caller made up: not a key the corrected event does not have, not a value the
 * event's codec refuses. Only the codec's field and type names, and the rule's words
 * (decision 215). A name typed there is what the log must never hold.
 */
const NAME = 'Zhang Wei 110101199003071234';
const declinedReferral: readonly GivenFact[] = [...identifiedHousehold, referred('r1'), { event: ev('ReferralDeclined', { referralId: 'r1', memberId: 'm1' }), on: '2016-05-02' }];
const refusal = (history: readonly GivenFact[], eventId: string, correction: Record<string, unknown>) => rejectionOf(history, c('CorrectEvent', { eventId, correction, reason: 'typo' }));

describe('a refused correction quotes nothing the caller made up', () => {
  it('a key the event does not have is not repeated: the refusal names the fields the event may correct instead', () => {
    const refused = refusal(declinedReferral, 'e5', { [NAME]: 1 });
    expect(refused).toMatchObject({ code: 'INVALID_CORRECTION', fields: [{ path: 'correction', message: 'names a field ReferralDeclined does not have' }] });
    expect(refused?.message).toBe('the correction names a field ReferralDeclined does not have; the fields it may correct are reason');
    expect(JSON.stringify(refused)).not.toContain('Zhang');
  });

  it('a key every object has by inheritance (toString, constructor) is no field of the event either', () => {
    for (const key of ['toString', 'constructor', 'hasOwnProperty'])
      expect(refusal(declinedReferral, 'e5', { [key]: 'x' })?.fields).toEqual([{ path: 'correction', message: 'names a field ReferralDeclined does not have' }]);
  });

  it('a value the event\'s codec refuses is named by its field and the type it must be, never quoted', () => {
    const refused = refusal([registered()], 'e0', { divisionCode: NAME });
    expect(refused).toMatchObject({ code: 'INVALID_CORRECTION', message: 'the corrected HouseholdRegistered is not valid' });
    expect(refused?.fields).toEqual([{ path: 'correction.divisionCode', message: expect.stringMatching(/^not a valid value \(expected Id/) }]);
    expect(JSON.stringify(refused)).not.toContain('Zhang');
  });

  it('a key nested in a corrected list the event does not have is not repeated: the path stops at the object holding it', () => {
    const refused = refusal([registered()], 'e0', { members: [{ memberId: 'm1', birthYear: 1980, [NAME]: 'x' }] });
    expect(refused?.fields).toEqual([{ path: 'correction.members.0', message: 'holds a field it does not have' }]);
    expect(JSON.stringify(refused)).not.toContain('Zhang');
  });

  it('an identifier the event has is still named: it is the codec\'s word, not the caller\'s', () => {
    expect(refusal(declinedReferral, 'e5', { memberId: 'm2' })?.fields).toEqual([{ path: 'correction.memberId', message: 'not a correctable field of the event' }]);
  });

  it('an optional field the event was recorded without is one of its fields: its codec says so, not a list kept beside it', () => {
    // MemberEmployed may name a referralId; a list written by hand beside the codec had left it out (a re-read, 2026-12-08).
    expect(refusal([...identifiedHousehold, employed('e1')], 'e4', { referralId: 'r9' })?.fields).toEqual([{ path: 'correction.referralId', message: 'not a correctable field of the event' }]);
  });
});
