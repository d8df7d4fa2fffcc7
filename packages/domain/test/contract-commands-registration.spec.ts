import * as E from 'fp-ts/Either';
import { buildDivisionTree, DecisionContext, ev, referencePolicy } from '../src';
import { command as c, deregistered, registered, surveyed, testDivisions } from '../src/testing';
import { Acceptance, expectAppends, expectPrecedence, expectRefused, Precedence, Refusal } from './support/contract-commands';

/**
 * domain.md §4.5, RegisterHousehold, AddMember, RemoveMember and TransferHousehold.
 * Covered here (✓) and pinned elsewhere (→ src/household/spec/…):
 *  RegisterHousehold appends HouseholdRegistered {householdId, divisionCode, members}   → decide.spec.ts
 *    INVALID_COMMAND (born after the year of `on`), UNKNOWN_DIVISION, NOT_A_VILLAGE,
 *    DUPLICATE_ID, ALREADY_REGISTERED                                                  → decide.spec.ts, rejection-fields.spec.ts
 *    the order INVALID_COMMAND; UNKNOWN_DIVISION; NOT_A_VILLAGE; DUPLICATE_ID, and
 *    ALREADY_REGISTERED (§4.3 check 4) before every one of them                        ✓
 *  AddMember appends MemberAdded {memberId, birthYear}                                  → decide.spec.ts
 *    … and {sex} when given                                                            ✓
 *    INVALID_COMMAND (born after); DUPLICATE_ID of a registered member                  → decide.spec.ts
 *    DUPLICATE_ID (check 4) and BACKDATED (check 5) before INVALID_COMMAND (check 6)    ✓
 *  RemoveMember appends MemberRemoved {memberId, reason}; UNKNOWN_MEMBER of a stranger  → decide.spec.ts
 *    UNKNOWN_MEMBER of a member already removed (§4.5: "unknown or was removed")        ✓
 *  TransferHousehold appends HouseholdTransferred {from, to}; NOT_A_SUCCESSOR (3 cases) → decide.spec.ts
 *    a successor the tree names that is not in it, or not a village: UNKNOWN_DIVISION,
 *    NOT_A_VILLAGE (§2), checked after NOT_A_SUCCESSOR                                  ✓ (§4.5 silent; code's answer kept)
 */

const member = (memberId: string, birthYear = 1980) => ({ memberId, birthYear });
const register = (divisionCode: string, members: { memberId: string; birthYear: number }[]) => c('RegisterHousehold', { on: '2016-01-10', divisionCode, members });
const removed = { event: ev('MemberRemoved', { memberId: 'm2', reason: 'married out' }), on: '2016-03-01' };
const twoMembers = registered([member('m1'), member('m2')]);

describe('RegisterHousehold, AddMember, RemoveMember: what they append', () => {
  const rows: Acceptance[] = [
    { clause: 'AddMember with a sex appends MemberAdded {memberId, birthYear, sex}', given: [registered()], when: c('AddMember', { memberId: 'm2', birthYear: 2001, sex: 'male' }), appends: [ev('MemberAdded', { memberId: 'm2', birthYear: 2001, sex: 'male' })] },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectAppends(r));
});

describe('RemoveMember: why it refuses', () => {
  const rows: Refusal[] = [
    { clause: 'a member already removed is UNKNOWN_MEMBER', given: [twoMembers, removed], when: c('RemoveMember', { memberId: 'm2', reason: 'again' }), code: 'UNKNOWN_MEMBER' },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectRefused(r.given, r.when, r.code, r.ctx));
});

describe('RegisterHousehold and AddMember: of two refusals, the one ranked first', () => {
  const rows: Precedence[] = [
    { clause: 'a member born after the year of `on` is refused before an unknown division', first: 'INVALID_COMMAND', second: 'UNKNOWN_DIVISION', given: [], when: register('NOPE', [member('m1', 2017)]), alone: { when: register('NOPE', [member('m1')]) } },
    { clause: 'a member born after the year of `on` is refused before a division that is not a village', first: 'INVALID_COMMAND', second: 'NOT_A_VILLAGE', given: [], when: register('C1', [member('m1', 2017)]), alone: { when: register('C1', [member('m1')]) } },
    { clause: 'a member born after the year of `on` is refused before a member listed twice', first: 'INVALID_COMMAND', second: 'DUPLICATE_ID', given: [], when: register('V1', [member('m1'), member('m1', 2017)]), alone: { when: register('V1', [member('m1'), member('m1', 1981)]) } },
    { clause: 'an unknown division is refused before a member listed twice', first: 'UNKNOWN_DIVISION', second: 'DUPLICATE_ID', given: [], when: register('NOPE', [member('m1'), member('m1')]), alone: { when: register('V1', [member('m1'), member('m1')]) } },
    { clause: 'a division that is not a village is refused before a member listed twice', first: 'NOT_A_VILLAGE', second: 'DUPLICATE_ID', given: [], when: register('T1', [member('m1'), member('m1')]), alone: { when: register('V1', [member('m1'), member('m1')]) } },
    { clause: 'a second registration with other content is ALREADY_REGISTERED before a member born too late', first: 'ALREADY_REGISTERED', second: 'INVALID_COMMAND', given: [registered()], when: register('V1', [member('m1', 2017)]), alone: { given: [] } },
    { clause: 'a second registration with other content is ALREADY_REGISTERED before an unknown division', first: 'ALREADY_REGISTERED', second: 'UNKNOWN_DIVISION', given: [registered()], when: register('NOPE', [member('m1')]), alone: { given: [] } },
    { clause: 'a second registration with other content is ALREADY_REGISTERED before a member listed twice', first: 'ALREADY_REGISTERED', second: 'DUPLICATE_ID', given: [registered()], when: register('V1', [member('m1'), member('m1')]), alone: { given: [] } },
    { clause: 'adding a registered member born too late is DUPLICATE_ID, not INVALID_COMMAND', first: 'DUPLICATE_ID', second: 'INVALID_COMMAND', given: [registered()], when: c('AddMember', { memberId: 'm1', birthYear: 2017 }), alone: { when: c('AddMember', { memberId: 'm2', birthYear: 2017 }) } },
    { clause: 'adding a member born too late, dated before the latest date, is BACKDATED', first: 'BACKDATED', second: 'INVALID_COMMAND', given: [registered(), surveyed()], when: c('AddMember', { memberId: 'm2', birthYear: 2017, on: '2016-01-20' }), alone: { given: [registered()] } },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectPrecedence(r));
});

describe('TransferHousehold: a successor the tree names but cannot take the household (§4.5 silent; §2 and the code answer)', () => {
  const successorIs = (to: string): DecisionContext => {
    const tree = buildDivisionTree(testDivisions.all.filter((d) => d.code !== 'V1'), { V1: to });
    if (E.isLeft(tree)) throw new Error('the test tree does not build');
    return { policy: referencePolicy, divisions: tree.right };
  };
  const rows: Refusal[] = [
    { clause: 'a successor missing from the tree in force is UNKNOWN_DIVISION', ctx: successorIs('V9'), given: [registered()], when: c('TransferHousehold', { to: 'V9' }), code: 'UNKNOWN_DIVISION' },
    { clause: 'a successor above village level is NOT_A_VILLAGE', ctx: successorIs('T1'), given: [registered()], when: c('TransferHousehold', { to: 'T1' }), code: 'NOT_A_VILLAGE' },
    { clause: 'a `to` that is neither the successor nor in the tree is NOT_A_SUCCESSOR first', ctx: successorIs('V2'), given: [registered()], when: c('TransferHousehold', { to: 'V9' }), code: 'NOT_A_SUCCESSOR' },
    { clause: 'a deregistered household does not move to a missing successor: DEREGISTERED', ctx: successorIs('V9'), given: [registered(), deregistered()], when: c('TransferHousehold', { to: 'V9' }), code: 'DEREGISTERED' },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectRefused(r.given, r.when, r.code, r.ctx));
});
