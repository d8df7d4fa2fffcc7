import { ev } from '../events';
import { applied, command as c, GivenFact, identified, registered, surveyed, surveyMember } from '../../testing/fixtures';
import { outcomeOf, rejectionOf } from '../../testing/given-when-then';

/**
 * ADR 174 for `HouseholdIdentified.eligibleMemberIds`: the identification records who was
 * eligible on its date (rules/identification.ts), which the decision derives from every
 * member's birth year (registration or MemberAdded), and from the labour capacity and
 * willingness of the latest survey or declaration (eligibility.ts). A correction of any of
 * these that changes who was eligible is refused; one that leaves the list as it was is
 * recorded. The identification is dated 2016-04-01 and working age is 16 to 59.
 */
const LATER_EVENT_DIFFERS = { path: 'correction', message: 'a later event would be refused, or recorded with other data' };
const recorded = (history: readonly GivenFact[], eventId: string, correction: Record<string, unknown>): string | undefined =>
  outcomeOf(history, c('CorrectEvent', { eventId, correction, reason: 'wrong form' })).events?.[0]?.type;
const refusal = (history: readonly GivenFact[], eventId: string, correction: Record<string, unknown>) =>
  rejectionOf(history, c('CorrectEvent', { eventId, correction, reason: 'wrong form' }));
const naming = (ids: readonly string[]) => new RegExp(`HouseholdIdentified: the domain would have recorded .*"eligibleMemberIds":${JSON.stringify(ids).replace(/[[\]]/g, '\\$&')}`);

// e0 registers m1 and m2, e1 adds m3, e2 surveys all three able and willing, e4 identifies all three.
const threeEligible: readonly GivenFact[] = [
  registered([{ memberId: 'm1', birthYear: 1980 }, { memberId: 'm2', birthYear: 1985 }]),
  { event: ev('MemberAdded', { memberId: 'm3', birthYear: 1990 }), on: '2016-01-20' },
  surveyed([surveyMember('m1'), surveyMember('m2'), surveyMember('m3')]),
  applied(),
  identified(['m1', 'm2', 'm3']),
];
const registration = (m2BirthYear: number) => ({ members: [{ memberId: 'm1', birthYear: 1980 }, { memberId: 'm2', birthYear: m2BirthYear }] });
const survey = (m2: Partial<Parameters<typeof surveyMember>[1]>) => ({ members: [surveyMember('m1'), surveyMember('m2', m2), surveyMember('m3')] });

describe('a correction that would take a member out of the eligible members an identification recorded', () => {
  it.each([
    ["a registration's birth year, making m2 66", 'e0', registration(1950), ['m1', 'm3']],
    ["an added member's birth year, making m3 66", 'e1', { birthYear: 1950 }, ['m1', 'm2']],
    ["a survey's labour capacity, making m2 unable to work", 'e2', survey({ laborCapacity: 'none' }), ['m1', 'm3']],
    ["a survey's wish to work, making m2 unwilling", 'e2', survey({ wantsWork: false }), ['m1', 'm3']],
  ] as const)('of %s is INVALID_CORRECTION, and names the list it would record', (_, eventId, correction, wouldRecord) => {
    const refused = refusal(threeEligible, eventId, correction);
    expect(refused?.code).toBe('INVALID_CORRECTION');
    expect(refused?.fields).toEqual([LATER_EVENT_DIFFERS]);
    expect(refused?.message).toMatch(naming(wouldRecord));
  });

  it.each([
    ["a registration's birth year that keeps m2 of working age", 'e0', registration(1986)],
    ["an added member's birth year that keeps m3 of working age", 'e1', { birthYear: 1957 }],
    ["a survey's labour capacity from full to partial, both able to work", 'e2', survey({ laborCapacity: 'partial' })],
    ["a survey's fields that eligibility does not read", 'e2', survey({ health: 'chronic-illness', skills: ['masonry'] })],
  ] as const)('is recorded for %s: the list stays the same', (_, eventId, correction) => {
    expect(recorded(threeEligible, eventId, correction)).toBe('EventCorrected');
  });
});

describe('a correction that would add a member to the eligible members an identification recorded', () => {
  // m2 was surveyed unable to work and aged 70 was never counted: e3 identifies m1 alone.
  const oneEligible: readonly GivenFact[] = [
    registered([{ memberId: 'm1', birthYear: 1980 }, { memberId: 'm2', birthYear: 1946 }]),
    surveyed([surveyMember('m1'), surveyMember('m2', { laborCapacity: 'none', wantsWork: false })]),
    applied(),
    identified(['m1']),
  ];
  const m2Surveyed = (m2: Partial<Parameters<typeof surveyMember>[1]>) => ({ members: [surveyMember('m1'), surveyMember('m2', { laborCapacity: 'none', wantsWork: false, ...m2 })] });

  it('is INVALID_CORRECTION when it makes m2 of working age, able and willing', () => {
    const younger = { members: [{ memberId: 'm1', birthYear: 1980 }, { memberId: 'm2', birthYear: 1986 }] };
    const recordedFirst = [...oneEligible.slice(0, 1), { event: ev('EventCorrected', { eventId: 'e0', correctedType: 'HouseholdRegistered', correction: younger, reason: 'id card' }), on: '2016-01-11' }];
    const history = [...recordedFirst, ...oneEligible.slice(1)];
    // The survey (now e2) is the one correction missing for m2 to be eligible on 2016-04-01.
    const refused = refusal(history, 'e2', m2Surveyed({ laborCapacity: 'full', wantsWork: true }));
    expect(refused?.fields).toEqual([LATER_EVENT_DIFFERS]);
    expect(refused?.message).toMatch(naming(['m1', 'm2']));
  });

  it('is recorded when m2 would still not be eligible (able and willing, but 70)', () => {
    expect(recorded(oneEligible, 'e1', m2Surveyed({ laborCapacity: 'full', wantsWork: true }))).toBe('EventCorrected');
  });
});

describe('a correction of a survey that no longer decides who is eligible', () => {
  it('is recorded when a later survey has replaced what it said, and refused for that later survey', () => {
    // e1 found m2 able; e2 found m2 unable, so e4 identifies m1 alone.
    const resurveyed: readonly GivenFact[] = [
      registered([{ memberId: 'm1', birthYear: 1980 }, { memberId: 'm2', birthYear: 1985 }]),
      surveyed([surveyMember('m1'), surveyMember('m2')]),
      surveyed([surveyMember('m1'), surveyMember('m2', { laborCapacity: 'none' })], '2016-02-15'),
      applied(),
      identified(['m1']),
    ];
    expect(recorded(resurveyed, 'e1', { members: [surveyMember('m1'), surveyMember('m2', { laborCapacity: 'none' })] })).toBe('EventCorrected');
    expect(refusal(resurveyed, 'e2', { members: [surveyMember('m1'), surveyMember('m2', { laborCapacity: 'partial' })] })?.fields).toEqual([LATER_EVENT_DIFFERS]);
  });

  it("is recorded for a member removed before the identification: the list never named them", () => {
    const removed: readonly GivenFact[] = [
      registered([{ memberId: 'm1', birthYear: 1980 }, { memberId: 'm2', birthYear: 1985 }]),
      surveyed([surveyMember('m1'), surveyMember('m2')]),
      { event: ev('MemberRemoved', { memberId: 'm2', reason: 'moved to the city' }), on: '2016-02-10' },
      applied(),
      identified(['m1']),
    ];
    expect(recorded(removed, 'e1', { members: [surveyMember('m1'), surveyMember('m2', { laborCapacity: 'none' })] })).toBe('EventCorrected');
    expect(recorded(removed, 'e0', registration(1950))).toBe('EventCorrected');
    expect(refusal(removed, 'e0', { members: [{ memberId: 'm1', birthYear: 1950 }, { memberId: 'm2', birthYear: 1985 }] })?.fields).toEqual([LATER_EVENT_DIFFERS]);
  });
});

describe('the recorded list itself', () => {
  it('is not corrected: its field names identifiers, which no correction amends', () => {
    const refused = refusal(threeEligible, 'e4', { eligibleMemberIds: ['m1', 'm2'] });
    expect(refused?.code).toBe('INVALID_CORRECTION');
    expect(refused?.fields).toEqual([{ path: 'correction.eligibleMemberIds', message: 'not a correctable field of the event' }]);
  });
});
