import * as E from 'fp-ts/Either';
import { HouseholdCommand } from '../commands';
import { DecisionContext } from '../context';
import { decide } from '../decide';
import { ev, HouseholdEvent } from '../events';
import { fold } from '../evolve';
import { replayAnomalies } from '../replay';
import { Fact } from '../state';
import { reorganisedDivisions, surveyMember, testContext, testDivisions } from '../../testing/fixtures';

/**
 * docs/decisions/0015: a stored event is replayed against the division tree that was in
 * force when it was recorded — the latest tree before its position in the log — so a later
 * tree never turns an earlier, valid event into an anomaly, and an event recorded after a
 * tree is held to that tree.
 */
const TREE_2_AT = 10;
const overTime: DecisionContext = { ...testContext, divisions: reorganisedDivisions, divisionsAt: (p) => (p > TREE_2_AT ? reorganisedDivisions : testDivisions) };

const at = (position: number, event: HouseholdEvent, occurredOn: string): Fact => ({ event, meta: { eventId: `e${position}`, occurredOn, position } });
const registration = at(3, ev('HouseholdRegistered', { householdId: 'h1', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] }), '2016-01-10');
const survey = at(5, ev('HouseholdSurveyed', { householdSize: 1, povertyCauses: ['illness'], members: [surveyMember('m1')] }), '2016-02-01');
const transfer = (position: number) => at(position, ev('HouseholdTransferred', { from: 'V1', to: 'V3' }), '2017-01-01');

describe('replaying against the division tree in force when each event was recorded', () => {
  it('a registration in a village a later tree dropped, and the move the later tree made, replay cleanly', () => {
    expect(replayAnomalies([registration, survey, transfer(12)], 'h1', overTime, decide)).toEqual([]);
  });

  it('against the latest tree alone, the same registration would be an anomaly (what a later tree must not do)', () => {
    const latestOnly: DecisionContext = { ...testContext, divisions: reorganisedDivisions };
    expect(replayAnomalies([registration, survey, transfer(12)], 'h1', latestOnly, decide)).toEqual([
      expect.objectContaining({ index: 0, kind: 'rejected', detail: expect.stringContaining('UNKNOWN_DIVISION') }),
    ]);
  });

  it('a move recorded before the tree that makes it is an anomaly', () => {
    expect(replayAnomalies([registration, survey, transfer(8)], 'h1', overTime, decide)).toEqual([
      expect.objectContaining({ index: 2, kind: 'rejected', detail: expect.stringContaining('NOT_A_SUCCESSOR') }),
    ]);
  });

  it('a registration recorded after a tree that dropped its village is an anomaly', () => {
    const late = at(11, registration.event, '2016-01-10');
    expect(replayAnomalies([late], 'h1', overTime, decide)).toEqual([expect.objectContaining({ index: 0, detail: expect.stringContaining('UNKNOWN_DIVISION') })]);
  });

  it('a correction is checked against the trees of the events it replays, and must leave the household in a division in force', () => {
    const state = fold([registration, survey]);
    const history = [registration, survey]; // a correction reads the stream's past (DecisionContext.history)
    const correct = (divisionCode: string): HouseholdCommand => ({ type: 'CorrectEvent', householdId: 'h1', on: '2016-12-01', eventId: 'e3', correction: { divisionCode }, reason: 'wrong village' });
    // V2 was a village when the household registered, but the tree in force dropped it.
    const toV2 = decide(correct('V2'), state, { ...overTime, history });
    expect(E.isLeft(toV2) && toV2.left).toEqual(expect.objectContaining({ code: 'INVALID_CORRECTION', message: expect.stringContaining('"V2"') }));
    // Under the first tree alone the same correction is fine.
    expect(E.isRight(decide(correct('V2'), state, { ...testContext, history }))).toBe(true);
  });

  it('the fold follows the move', () => {
    expect(fold([registration, survey, transfer(12)]).divisionCode).toBe('V3');
  });
});
