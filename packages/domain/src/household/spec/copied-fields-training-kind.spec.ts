import { ev } from '../events';
import { command as c, GivenFact, identifiedHousehold, trainingAccepted, trainingOffered } from '../../testing/fixtures';
import { outcomeOf, rejectionOf } from '../../testing/given-when-then';

/**
 * ADR 174 for the training's kind: every answer and end of a training (`TrainingAccepted`,
 * `TrainingDeclined`, `MemberTrained`, `TrainingLeft`) copies the offer's kind at decide time
 * (rules/training.ts), so once one is recorded the offer's kind is fixed. The offer is e4 in
 * every history below; its kind is 'vocational'.
 */
const LATER_EVENT_DIFFERS = { path: 'correction', message: 'a later event would be refused, or recorded with other data' };
const offered = [...identifiedHousehold, trainingOffered('t1')];
const ref = { trainingId: 't1', memberId: 'm1', kind: 'vocational' } as const;
const accepted = [...offered, trainingAccepted('t1')];
const declined = [...offered, { event: ev('TrainingDeclined', { ...ref, reason: 'harvest season' }), on: '2016-04-11' }];
const completed = [...accepted, { event: ev('MemberTrained', { ...ref, certified: true }), on: '2016-05-20' }];
const left = [...accepted, { event: ev('TrainingLeft', { ...ref, reason: 'moved away' }), on: '2016-05-20' }];

const correctOffer = (correction: Record<string, unknown>) => c('CorrectEvent', { eventId: 'e4', correction, reason: 'wrong offer form' });

describe("a correction of a training offer's kind, once a later event copied it", () => {
  const cases: readonly (readonly [string, readonly GivenFact[], string])[] = [
    ['accepted', accepted, 'TrainingAccepted'],
    ['declined', declined, 'TrainingDeclined'],
    ['completed', completed, 'TrainingAccepted'],
    ['left', left, 'TrainingAccepted'],
  ];

  it.each(cases)('is INVALID_CORRECTION when the training was %s, naming the first event that would copy the new kind', (_, history, first) => {
    const refused = rejectionOf(history, correctOffer({ kind: 'language' }));
    expect(refused?.code).toBe('INVALID_CORRECTION');
    expect(refused?.fields).toEqual([LATER_EVENT_DIFFERS]);
    expect(refused?.message).toMatch(new RegExp(`${first}: the domain would have recorded .*"kind":"language"`));
  });

  it.each(cases)('is recorded when the training was %s and the correction leaves the kind as it was', (_, history) => {
    expect(outcomeOf(history, correctOffer({ title: 'Arc welding', provider: 'Prefecture school' })).events?.[0]?.type).toBe('EventCorrected');
    expect(outcomeOf(history, correctOffer({ kind: 'vocational', title: 'Arc welding' })).events?.[0]?.type).toBe('EventCorrected');
  });

  it('is recorded while the offer is still open: nothing has copied the kind yet', () => {
    expect(outcomeOf(offered, correctOffer({ kind: 'language' })).events?.[0]?.type).toBe('EventCorrected');
  });

  it('a kind corrected before the answer is the kind the answer copies, and is fixed from then on', () => {
    const fixedFirst = [...offered, { event: ev('EventCorrected', { eventId: 'e4', correctedType: 'TrainingOffered', correction: { kind: 'language' }, reason: 'wrong form' }), on: '2016-04-10' }];
    expect(outcomeOf(fixedFirst, c('AcceptTraining', { on: '2016-04-11', trainingId: 't1' }))).toEqual({ events: [ev('TrainingAccepted', { ...ref, kind: 'language' })] });
    const answered = [...fixedFirst, { event: ev('TrainingAccepted', { ...ref, kind: 'language' }), on: '2016-04-11' }];
    expect(rejectionOf(answered, correctOffer({ kind: 'vocational' }))?.fields).toEqual([LATER_EVENT_DIFFERS]);
    expect(outcomeOf(answered, correctOffer({ kind: 'language', title: 'Interpreting' })).events?.[0]?.type).toBe('EventCorrected');
  });
});

describe('a correction of the copy itself, so that it no longer says what the offer says', () => {
  it.each([
    ['TrainingAccepted', accepted, 'e5'],
    ['TrainingDeclined', declined, 'e5'],
    ['MemberTrained', completed, 'e6'],
    ['TrainingLeft', left, 'e6'],
  ] as const)('of a %s is INVALID_CORRECTION', (type, history, eventId) => {
    const refused = rejectionOf(history, c('CorrectEvent', { eventId, correction: { kind: 'language' }, reason: 'wrong kind' }));
    expect(refused?.code).toBe('INVALID_CORRECTION');
    expect(refused?.fields).toEqual([LATER_EVENT_DIFFERS]);
    expect(refused?.message).toMatch(new RegExp(`${type}: the domain would have recorded .*"kind":"vocational"`));
  });

  it("is recorded when it repeats the offer's kind", () => {
    expect(outcomeOf(accepted, c('CorrectEvent', { eventId: 'e5', correction: { kind: 'vocational' }, reason: 'confirmed' })).events?.[0]?.type).toBe('EventCorrected');
  });
});
