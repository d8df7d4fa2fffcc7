import * as E from 'fp-ts/Either';
import { DecisionContext } from '../context';
import { decide } from '../decide';
import { buildDivisionTree, DivisionTree } from '../../divisions';
import { ev, HouseholdEvent } from '../events';
import { fold } from '../evolve';
import { Fact } from '../state';
import { reorganisedDivisions, surveyMember, testContext, testDivisions } from '../../testing/fixtures';

/**
 * ADR 174 for `HouseholdTransferred.from`: a transfer records the division the household
 * was in (rules/transfer.ts), which comes from the registration's `divisionCode` — a
 * correctable field — or from an earlier transfer, which is not correctable. Each event is
 * replayed against the tree in force when it was recorded (docs/decisions/0015): the first
 * tree up to position 10, a reorganised one after.
 */
const LATER_EVENT_DIFFERS = { path: 'correction', message: 'a later event would be refused, or recorded with other data' };

// The second tree merges both villages V1 and V2 into a new V3.
const merged = buildDivisionTree(
  [...testDivisions.all.filter((d) => d.code !== 'V1' && d.code !== 'V2'), { code: 'V3', name: 'Village three', parentCode: 'T1', level: 'village' }],
  { V1: 'V3', V2: 'V3' },
);
const mergedDivisions: DivisionTree = E.isRight(merged) ? merged.right : (undefined as never);
const overTime = (second: DivisionTree): DecisionContext => ({ ...testContext, divisions: second, divisionsAt: (p) => (p > 10 ? second : testDivisions) });

const at = (position: number, event: HouseholdEvent, occurredOn: string): Fact => ({ event, meta: { eventId: `e${position}`, occurredOn, position } });
const history: readonly Fact[] = [
  at(3, ev('HouseholdRegistered', { householdId: 'h1', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] }), '2016-01-10'),
  at(5, ev('HouseholdSurveyed', { householdSize: 1, povertyCauses: ['illness'], members: [surveyMember('m1')] }), '2016-02-01'),
  at(12, ev('HouseholdTransferred', { from: 'V1', to: 'V3' }), '2017-01-01'),
];
const correctRegistration = (correction: Record<string, unknown>, second: DivisionTree) =>
  decide({ type: 'CorrectEvent', householdId: 'h1', on: '2017-02-01', eventId: 'e3', correction, reason: 'wrong village' }, fold(history), { ...overTime(second), history });

describe("a correction of a registration's division, once a transfer recorded the division the household left", () => {
  it('is INVALID_CORRECTION when the transfer would name another division it left, though it would still be made', () => {
    const decided = correctRegistration({ divisionCode: 'V2' }, mergedDivisions);
    expect(E.isLeft(decided) && decided.left.code).toBe('INVALID_CORRECTION');
    expect(E.isLeft(decided) && decided.left.fields).toEqual([LATER_EVENT_DIFFERS]);
    expect(E.isLeft(decided) && decided.left.message).toMatch(/HouseholdTransferred: the domain would have recorded .*"from":"V2"/);
  });

  it('is INVALID_CORRECTION when the transfer would not be made at all (the tree names no successor of the corrected division)', () => {
    const decided = correctRegistration({ divisionCode: 'V2' }, reorganisedDivisions);
    expect(E.isLeft(decided) && decided.left.fields).toEqual([LATER_EVENT_DIFFERS]);
    expect(E.isLeft(decided) && decided.left.message).toMatch(/HouseholdTransferred: the domain would reject TransferHousehold here with NOT_A_SUCCESSOR/);
  });

  it('is recorded when the division stays the same', () => {
    const decided = correctRegistration({ divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1981 }] }, mergedDivisions);
    expect(E.isRight(decided) && decided.right.map((e) => e.type)).toEqual(['EventCorrected']);
  });
});
