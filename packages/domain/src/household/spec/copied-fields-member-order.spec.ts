import { decide } from '../decide';
import { HouseholdEvent } from '../events';
import { replayAnomalies } from '../replay';
import { applied, command as c, registered, surveyed, surveyMember, testContext } from '../../testing/fixtures';
import { outcomeOf, rejectionOf, storedFacts } from '../../testing/given-when-then';

/**
 * `HouseholdIdentified.eligibleMemberIds` copies the members in the order the state holds
 * them, the registration's order. ADR 51 lets a correction list a registration's members in
 * any order. A replay of the corrected history (verify, ADR 118; the correction rule)
 * registers them in the corrected order, so the live state takes that order too
 * (corrected-state.ts, ADR 175): an identification decided after such a correction is the
 * one the corrected history, replayed, decides. (Found by the copied-fields audit: the live
 * state kept the old order, and verify listed the identification for good.)
 */
describe('a correction that lists the registered members in another order, accepted before the identification', () => {
  const beforeIdentification = [
    registered([{ memberId: 'm1', birthYear: 1980 }, { memberId: 'm2', birthYear: 1985 }]),
    surveyed([surveyMember('m1'), surveyMember('m2')]),
    applied(),
  ];
  const reordered = c('CorrectEvent', { on: '2016-03-02', eventId: 'e0', correction: { members: [{ memberId: 'm2', birthYear: 1985 }, { memberId: 'm1', birthYear: 1980 }] }, reason: 'order of the form' });

  const correction = outcomeOf(beforeIdentification, reordered).events?.[0] as HouseholdEvent;
  const corrected = [...beforeIdentification, { event: correction, on: '2016-03-02' }];
  const identification = outcomeOf(corrected, c('IdentifyHousehold', { on: '2016-04-01' })).events?.[0] as HouseholdEvent;
  const identified = [...corrected, { event: identification, on: '2016-04-01' }];

  it('leaves the identification decided after it one that the corrected history, replayed, also decides', () => {
    expect([correction.type, identification.type]).toEqual(['EventCorrected', 'HouseholdIdentified']);
    expect(replayAnomalies(storedFacts(identified), 'h1', testContext, decide)).toEqual([]);
  });

  it("leaves later corrections of the household possible: one of a survey's poverty causes is recorded", () => {
    const causes = c('CorrectEvent', { on: '2016-04-02', eventId: 'e1', correction: { povertyCauses: ['illness'] }, reason: 'misread' });
    expect(outcomeOf(identified, causes).events?.[0]?.type).toBe('EventCorrected');
  });

  it('refuses a correction that lists them in yet another order once the identification has copied them (ADR 174)', () => {
    const again = c('CorrectEvent', { on: '2016-04-02', eventId: 'e0', correction: { members: [{ memberId: 'm1', birthYear: 1980 }, { memberId: 'm2', birthYear: 1985 }] }, reason: 'order of the form, again' });
    const refused = rejectionOf(identified, again);
    expect(refused?.code).toBe('INVALID_CORRECTION');
    expect(refused?.fields?.[0]?.message).toBe('a later event would be refused, or recorded with other data');
  });
});
