import * as E from 'fp-ts/Either';
import { decide } from '../decide';
import { ev, HouseholdEvent } from '../events';
import { applied, command as c, identified, registered, surveyed, surveyMember, testContext } from '../../testing/fixtures';
import { outcomeOf, rejectionOf, stateAfter } from '../../testing/given-when-then';

/** What a correction changes for the decisions after it, and what it may not change. */
describe('corrections are folded into the state', () => {
  it('a corrected birth year changes eligibility from then on, the log keeps the original', () => {
    const history = [registered([{ memberId: 'm1', birthYear: 1980 }]), surveyed([surveyMember('m1')])];
    const fix = c('CorrectEvent', { on: '2016-02-02', eventId: 'e0', correction: { members: [{ memberId: 'm1', birthYear: 1950 }] }, reason: 'birth certificate' });
    const after = outcomeOf(history, fix);
    expect(after.events?.[0]?.type).toBe('EventCorrected');
    const corrected = [...history, { event: after.events?.[0] as HouseholdEvent, on: '2016-02-02' }];
    expect(outcomeOf(corrected, c('ApplyForIdentification', {}))).toEqual({ events: [ev('IdentificationApplied', {})] });
    expect(outcomeOf([...corrected, applied('2016-03-01')], c('IdentifyHousehold', {}))).toEqual({ error: 'NO_ELIGIBLE_MEMBER' });
    expect(outcomeOf([...history, applied('2016-03-01')], c('IdentifyHousehold', {}))).toEqual({ events: [ev('HouseholdIdentified', { eligibleMemberIds: ['m1'] })] });
  });
});

describe('no member is born after the year of the command that lists them (ADR 133)', () => {
  it('the error names each such field, and why', () => {
    const when = c('RegisterHousehold', { divisionCode: 'V1', on: '2016-03-01', members: [{ memberId: 'm1', birthYear: 2019 }, { memberId: 'm2', birthYear: 1990 }, { memberId: 'm3', birthYear: 2017 }] });
    const decided = decide(when, stateAfter([]), testContext);
    expect(E.isLeft(decided) && decided.left.fields).toEqual([
      { path: 'members.0.birthYear', message: "born in 2019, after 2016, the year of the command's date" },
      { path: 'members.2.birthYear', message: "born in 2017, after 2016, the year of the command's date" },
    ]);
  });

  it('a correction that moves a birth year after the year of its event is INVALID_CORRECTION, one within it is recorded', () => {
    const added = { event: ev('MemberAdded', { memberId: 'm2', birthYear: 2015 }), on: '2016-01-20' };
    const fix = (birthYear: number) => c('CorrectEvent', { on: '2017-02-02', eventId: 'e1', correction: { birthYear }, reason: 'birth certificate' });
    expect(outcomeOf([registered(), added], fix(2017))).toEqual({ error: 'INVALID_CORRECTION' });
    expect(outcomeOf([registered(), added], fix(2016)).events?.[0]?.type).toBe('EventCorrected');
    const register = c('CorrectEvent', { on: '2017-02-02', eventId: 'e0', correction: { members: [{ memberId: 'm1', birthYear: 2017 }] }, reason: 'birth certificate' });
    expect(outcomeOf([registered(), added], register)).toEqual({ error: 'INVALID_CORRECTION' });
  });
});

describe('a correction after which a later event would be recorded with other data (ADR 174)', () => {
  const twoMembers = [
    registered([{ memberId: 'm1', birthYear: 1980 }, { memberId: 'm2', birthYear: 1985 }]),
    surveyed([surveyMember('m1'), surveyMember('m2')]),
    applied(),
    identified(['m1', 'm2']),
  ];

  it('is INVALID_CORRECTION, though the later decision would still be taken, and says which event and what', () => {
    // Without m2 the household would still be identified, by m1 alone: the stored identification names both.
    const fix = c('CorrectEvent', { on: '2016-05-01', eventId: 'e1', correction: { members: [surveyMember('m1'), surveyMember('m2', { laborCapacity: 'none', wantsWork: false })] }, reason: 'wrong form' });
    const refused = rejectionOf(twoMembers, fix);
    expect(refused?.code).toBe('INVALID_CORRECTION');
    expect(refused?.message).toMatch(/HouseholdIdentified.*"eligibleMemberIds":\["m1"\]/);
    expect(refused?.fields).toEqual([{ path: 'correction', message: 'a later event would be refused, or recorded with other data' }]);
  });

  it('is recorded when the later event would be the same', () => {
    const fix = c('CorrectEvent', { on: '2016-05-01', eventId: 'e1', correction: { members: [surveyMember('m1'), surveyMember('m2', { education: 'primary' })] }, reason: 'wrong form' });
    expect(outcomeOf(twoMembers, fix).events?.[0]?.type).toBe('EventCorrected');
  });
});
