import { ev } from '../src';
import {
  applied, clearedHousehold, command as c, concernRaised, employed, employmentEnded, identifiedHousehold, registered, surveyed, visited, willing, withdrew,
} from '../src/testing';
import { Acceptance, expectAppends, expectPrecedence, expectRefused, Precedence, Refusal } from './support/contract-commands';

/**
 * domain.md §4.5, ClearHousehold, RecordFollowUp, ResolveLaborConcern and RecordRelapse.
 * Covered here (✓) and pinned elsewhere (→ src/household/spec/…):
 *  ClearHousehold appends HouseholdCleared {activeEmploymentIds}                        → decide.spec.ts (one employment)
 *    the employments active on `on`, in order: not one ended, not one of a removed member (§4.2) ✓
 *    NOT_IDENTIFIED (surveyed; cleared); NO_ACTIVE_EMPLOYMENT (none; ended that day)     → decide.spec.ts
 *    NOT_IDENTIFIED (withdrawn); NO_ACTIVE_EMPLOYMENT (the only employed member removed)  ✓
 *    NOT_IDENTIFIED before NO_ACTIVE_EMPLOYMENT                                         ✓
 *  RecordFollowUp appends FollowUpVisited {…}, then LaborConcernRaised {visitId, indicators} → decide.spec.ts
 *    indicators without repeats                                                         ✓
 *    NOT_CLEARED (identified)                                                           → decide.spec.ts
 *    NOT_CLEARED after a relapse, after a withdrawal                                    ✓
 *    DUPLICATE_ID (§4.3 check 4) before NOT_CLEARED                                      ✓
 *  ResolveLaborConcern appends LaborConcernResolved {visitId, outcome, reason}          → decide.spec.ts
 *    NO_OPEN_CONCERN: a visit without a concern                                         → decide.spec.ts
 *    NO_OPEN_CONCERN: an unknown visit; a concern resolved already                       ✓
 *  RecordRelapse appends HouseholdRelapsed {reason}                                     → decide.spec.ts
 *    status back to identified: the household can be cleared again                      ✓
 *    NOT_CLEARED; MEMBER_EMPLOYED                                                       → decide.spec.ts
 *    NOT_CLEARED before MEMBER_EMPLOYED                                                 ✓
 */

const member = (memberId: string, birthYear = 1980) => ({ memberId, birthYear });
const two = [registered([member('m1'), member('m2')]), surveyed([willing('m1'), willing('m2')]), applied(), { event: ev('HouseholdIdentified', { eligibleMemberIds: ['m1', 'm2'] }), on: '2016-04-01' }];
const removedM2 = { event: ev('MemberRemoved', { memberId: 'm2', reason: 'left' }), on: '2016-07-01' };
const relapsed = { event: ev('HouseholdRelapsed', { reason: 'season over' }), on: '2016-10-05' };
const resolved = { event: ev('LaborConcernResolved', { visitId: 'v1', outcome: 'remedied', reason: 'paid' }), on: '2016-09-10' };
const visit = (visitId: string, laborConcerns: ('debt' | 'threats' | 'wages-withheld')[] = []) => c('RecordFollowUp', { visitId, findings: 'seen', stillEmployed: true, laborConcerns });

describe('clearance and follow-up: what they append', () => {
  const rows: Acceptance[] = [
    { clause: 'a clearance lists the employments active on its date, in order, and no other', given: [...two, employed('e1', 'm1', '2016-05-01'), employed('e2', 'm2', '2016-05-01'), employed('e3', 'm1', '2016-06-01'), employmentEnded('e1', 'm1', '2016-06-10'), removedM2, employed('e4', 'm1', '2016-07-02')], when: c('ClearHousehold', {}), appends: [ev('HouseholdCleared', { activeEmploymentIds: ['e3', 'e4'] })] },
    { clause: 'a concern raised lists each indicator once', given: clearedHousehold, when: visit('v1', ['debt', 'threats', 'debt']), appends: [ev('FollowUpVisited', { visitId: 'v1', findings: 'seen', stillEmployed: true, laborConcerns: ['debt', 'threats', 'debt'] }), ev('LaborConcernRaised', { visitId: 'v1', indicators: ['debt', 'threats'] })] },
    { clause: 'a relapse puts the household back to identified: it can be cleared again', given: [...clearedHousehold, employmentEnded('e1', 'm1', '2016-10-01'), relapsed, employed('e2', 'm1', '2016-11-01')], when: c('ClearHousehold', {}), appends: [ev('HouseholdCleared', { activeEmploymentIds: ['e2'] })] },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectAppends(r));
});

describe('clearance and follow-up: why they refuse', () => {
  const rows: Refusal[] = [
    { clause: 'clearing a withdrawn household is NOT_IDENTIFIED', given: [...identifiedHousehold, employed('e1'), withdrew('2016-07-01')], when: c('ClearHousehold', {}), code: 'NOT_IDENTIFIED' },
    { clause: 'clearing when the only employed member was removed is NO_ACTIVE_EMPLOYMENT', given: [...two, employed('e2', 'm2', '2016-05-01'), removedM2], when: c('ClearHousehold', {}), code: 'NO_ACTIVE_EMPLOYMENT' },
    { clause: 'a follow-up after a relapse is NOT_CLEARED', given: [...clearedHousehold, employmentEnded('e1', 'm1', '2016-10-01'), relapsed], when: visit('v1'), code: 'NOT_CLEARED' },
    { clause: 'a follow-up after the household withdrew is NOT_CLEARED', given: [...clearedHousehold, withdrew('2016-07-01')], when: visit('v1'), code: 'NOT_CLEARED' },
    { clause: 'resolving the concern of an unknown visit is NO_OPEN_CONCERN', given: clearedHousehold, when: c('ResolveLaborConcern', { visitId: 'v9', outcome: 'unfounded', reason: 'x' }), code: 'NO_OPEN_CONCERN' },
    { clause: 'resolving a concern already resolved is NO_OPEN_CONCERN', given: [...clearedHousehold, visited('v1', ['wages-withheld']), concernRaised('v1'), resolved], when: c('ResolveLaborConcern', { visitId: 'v1', outcome: 'unfounded', reason: 'x' }), code: 'NO_OPEN_CONCERN' },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectRefused(r.given, r.when, r.code, r.ctx));
});

describe('clearance and follow-up: of two refusals, the one ranked first', () => {
  const rows: Precedence[] = [
    { clause: 'an applied household with no employment: NOT_IDENTIFIED before NO_ACTIVE_EMPLOYMENT', first: 'NOT_IDENTIFIED', second: 'NO_ACTIVE_EMPLOYMENT', given: [registered(), surveyed(), applied()], when: c('ClearHousehold', {}), alone: { given: identifiedHousehold } },
    { clause: 'an identified household with an active employment: NOT_CLEARED before MEMBER_EMPLOYED', first: 'NOT_CLEARED', second: 'MEMBER_EMPLOYED', given: [...identifiedHousehold, employed('e1')], when: c('RecordRelapse', { reason: 'x' }), alone: { given: clearedHousehold } },
    { clause: 'a visit id reused after a relapse: DUPLICATE_ID (check 4) before NOT_CLEARED', first: 'DUPLICATE_ID', second: 'NOT_CLEARED', given: [...clearedHousehold, visited('v1'), employmentEnded('e1', 'm1', '2016-10-01'), relapsed], when: visit('v1'), alone: { when: visit('v2') } },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectPrecedence(r));
});
