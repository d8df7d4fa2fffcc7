import { ev } from '../events';
import { clearedHousehold, command as c, GivenFact, visited } from '../../testing/fixtures';
import { outcomeOf, rejectionOf } from '../../testing/given-when-then';

/**
 * ADR 174 for `LaborConcernRaised.indicators`: the concern a follow-up visit raises repeats
 * the visit's `laborConcerns`, once each (rules/follow-up.ts). The two events are one
 * decision, so a correction of either that breaks the copy leaves a stored pair the
 * corrected visit would not record. The visit is e8, its concern e9.
 */
const LATER_EVENT_DIFFERS = { path: 'correction', message: 'a later event would be refused, or recorded with other data' };
const withConcern: readonly GivenFact[] = [
  ...clearedHousehold,
  visited('v1', ['wages-withheld']),
  { event: ev('LaborConcernRaised', { visitId: 'v1', indicators: ['wages-withheld'] }), on: '2016-09-01' },
];
const withoutConcern: readonly GivenFact[] = [...clearedHousehold, visited('v1', [])];
const correct = (eventId: string, correction: Record<string, unknown>) => c('CorrectEvent', { eventId, correction, reason: 'misread the visit form' });

describe("a correction of a visit's labour concerns, once the visit raised a concern", () => {
  it.each([
    ['another indicator', ['debt'], /FollowUpVisited: the domain would have recorded .*"indicators":\["debt"\]/],
    ['one indicator more', ['wages-withheld', 'threats'], /FollowUpVisited: the domain would have recorded .*"indicators":\["wages-withheld","threats"\]/],
    ['no indicator at all', [], /LaborConcernRaised without the event that causes it/],
  ] as const)('to %s is INVALID_CORRECTION', (_, laborConcerns, message) => {
    const refused = rejectionOf(withConcern, correct('e8', { laborConcerns }));
    expect(refused?.code).toBe('INVALID_CORRECTION');
    expect(refused?.fields).toEqual([LATER_EVENT_DIFFERS]);
    expect(refused?.message).toMatch(message);
  });

  it('is recorded when the indicators stay the same', () => {
    expect(outcomeOf(withConcern, correct('e8', { findings: 'Visited at the workshop', stillEmployed: false })).events?.[0]?.type).toBe('EventCorrected');
    expect(outcomeOf(withConcern, correct('e8', { laborConcerns: ['wages-withheld'] })).events?.[0]?.type).toBe('EventCorrected');
  });
});

describe('a correction that gives a visit without concerns an indicator', () => {
  it('is INVALID_CORRECTION: the corrected visit would have raised a concern the stream does not hold', () => {
    const refused = rejectionOf(withoutConcern, correct('e8', { laborConcerns: ['debt'] }));
    expect(refused?.fields).toEqual([LATER_EVENT_DIFFERS]);
    expect(refused?.message).toMatch(/FollowUpVisited: the domain would have recorded .*LaborConcernRaised/);
  });

  it('is recorded when the visit still finds nothing', () => {
    expect(outcomeOf(withoutConcern, correct('e8', { laborConcerns: [], findings: 'Nobody at home; neighbour says all is well' })).events?.[0]?.type).toBe('EventCorrected');
  });
});

describe("a correction of the raised concern's own indicators", () => {
  it("is INVALID_CORRECTION when they would differ from the visit's", () => {
    const refused = rejectionOf(withConcern, correct('e9', { indicators: ['debt'] }));
    expect(refused?.code).toBe('INVALID_CORRECTION');
    expect(refused?.fields).toEqual([LATER_EVENT_DIFFERS]);
    expect(refused?.message).toMatch(/FollowUpVisited: the domain would have recorded .*"indicators":\["wages-withheld"\]/);
  });

  it("is recorded when they repeat the visit's", () => {
    expect(outcomeOf(withConcern, correct('e9', { indicators: ['wages-withheld'] })).events?.[0]?.type).toBe('EventCorrected');
  });
});
