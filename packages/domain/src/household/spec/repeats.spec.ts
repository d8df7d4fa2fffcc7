import * as E from 'fp-ts/Either';
import { decide } from '../decide';
import { ev } from '../events';
import { householdDecider } from '../household.decider';
import { replayAnomalies } from '../replay';
import { Fact } from '../state';
import { command as c, registered, surveyed, testContext, willing } from '../../testing/fixtures';
import { outcomeOf, stateAfter, storedFacts } from '../../testing/given-when-then';

/** A command repeated is recognised as the fact it repeats, as corrected, and appends nothing. */
describe('a corrected MemberAdded is what an AddMember repeat is compared with', () => {
  const added = { event: ev('MemberAdded', { memberId: 'm2', birthYear: 1990, sex: 'female' }), on: '2016-01-20' };
  const fixed = { event: ev('EventCorrected', { eventId: 'e1', correctedType: 'MemberAdded', correction: { birthYear: 1991 }, reason: 'typo' }), on: '2016-02-02' };
  const addAgain = (birthYear: number) => c('AddMember', { on: '2016-01-20', memberId: 'm2', birthYear, sex: 'female' });

  it('the corrected content repeats the member; the original content no longer does', () => {
    expect(outcomeOf([registered(), added], c('CorrectEvent', { on: '2016-02-02', eventId: 'e1', correction: { birthYear: 1991 }, reason: 'typo' }))).toEqual({ events: [fixed.event] });
    expect(outcomeOf([registered(), added, fixed], addAgain(1991))).toEqual({ events: [] });
    expect(outcomeOf([registered(), added, fixed], addAgain(1990))).toEqual({ error: 'DUPLICATE_ID' });
    expect(outcomeOf([registered(), added], addAgain(1990))).toEqual({ events: [] });
  });
});

describe('a survey repeat is recognised by its print and confirmed against the stream (ADR 81)', () => {
  const first = surveyed([willing('m1')], '2016-02-01');
  const surveyOf = (householdSize: number) => c('SurveyHousehold', { householdSize, povertyCauses: ['lack-of-skills'], members: [willing('m1')], on: '2016-02-01' });
  const again = surveyOf(1);
  const fixed = { event: ev('EventCorrected', { eventId: 'e1', correctedType: 'HouseholdSurveyed', correction: { householdSize: 2 }, reason: 'miscounted' }), on: '2016-02-01' };

  it('the same survey on the same date needs the stream and appends nothing; another on that date needs nothing', () => {
    const state = stateAfter([registered(), first]);
    expect(householdDecider.needsHistory(again, state)).toBe(true);
    expect(outcomeOf([registered(), first], again)).toEqual({ events: [] });
    const other = surveyOf(3);
    expect(householdDecider.needsHistory(other, state)).toBe(false);
    expect(outcomeOf([registered(), first], other)).toEqual({ events: [ev('HouseholdSurveyed', { householdSize: 3, povertyCauses: ['lack-of-skills'], members: [willing('m1')] })] });
  });

  it('a matching print whose survey the stream does not hold is a new survey (the stream has the last word)', () => {
    // A state whose print matches but whose stream holds another survey: what a 64-bit collision would look like.
    const state = stateAfter([registered(), first]);
    const otherSurvey = { event: ev('HouseholdSurveyed', { householdSize: 5, povertyCauses: ['illness'], members: [willing('m1')] }), meta: { eventId: 'e1', occurredOn: '2016-02-01' } };
    const history = [storedFacts([registered()])[0] as Fact, otherSurvey];
    expect(decide(again, state, { ...testContext, history })).toEqual(E.right([ev('HouseholdSurveyed', { householdSize: 1, povertyCauses: ['lack-of-skills'], members: [willing('m1')] })]));
    expect(decide(again, state, testContext)).toEqual(E.right([]));
  });

  it('after a correction the corrected survey repeats, the original no longer does', () => {
    expect(outcomeOf([registered(), first, fixed], surveyOf(2))).toEqual({ events: [] });
    expect(outcomeOf([registered(), first, fixed], again)).toEqual({ events: [ev('HouseholdSurveyed', { householdSize: 1, povertyCauses: ['lack-of-skills'], members: [willing('m1')] })] });
  });

  it('a replay flags a stored repeat of a survey and nothing else', () => {
    const facts = storedFacts([registered(), first, surveyed([willing('m1')], '2016-02-01')]);
    expect(replayAnomalies(facts, 'h1', testContext, decide).map((a) => [a.index, a.kind])).toEqual([[2, 'different-events']]);
    const corrected = storedFacts([registered(), first, fixed, { event: ev('HouseholdSurveyed', { householdSize: 1, povertyCauses: ['lack-of-skills'], members: [willing('m1')] }), on: '2016-02-01' }]);
    expect(replayAnomalies(corrected, 'h1', testContext, decide)).toEqual([]);
  });
});
