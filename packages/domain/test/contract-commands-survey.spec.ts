import { ev } from '../src';
import { command as c, registered, surveyed, unable, unwilling, willing, withdrew } from '../src/testing';
import { Acceptance, expectAppends, expectPrecedence, expectRefused, Precedence, Refusal } from './support/contract-commands';

/**
 * domain.md §4.5, SurveyHousehold, DeclareWillingness and WithdrawWillingness.
 * Covered here (✓) and pinned elsewhere (→ src/household/spec/…):
 *  SurveyHousehold appends HouseholdSurveyed {householdSize, povertyCauses, members}     → decide.spec.ts
 *    … in a withdrawn household too (§4.1: it "can still be surveyed")                 ✓
 *    UNKNOWN_MEMBER of a stranger; DUPLICATE_ID (a member surveyed twice)               → decide.spec.ts, rejection-fields.spec.ts
 *    UNKNOWN_MEMBER of a removed member                                                 ✓
 *    UNKNOWN_MEMBER before DUPLICATE_ID, whatever their places in the list              ✓
 *    the same survey on the same date is unchanged (§4.3 check 4), even once a member
 *    it names was removed (check 4 before check 6)                                      ✓
 *  DeclareWillingness appends WillingnessDeclared {memberId}                            → decide.spec.ts
 *    UNKNOWN_MEMBER (stranger, removed); NO_CHANGE after a declaration                  ✓; NO_CHANGE after a survey → decide.spec.ts
 *    UNKNOWN_MEMBER before NO_CHANGE                                                    ✓
 *  WithdrawWillingness appends WillingnessWithdrawn {memberId}                          → decide.spec.ts
 *    UNKNOWN_MEMBER of a stranger                                                       → decide.spec.ts
 *    NO_CHANGE (already not willing: by survey, by withdrawal, never surveyed)          ✓ (never surveyed: contract silent; code's answer kept)
 */

const member = (memberId: string, birthYear = 1980) => ({ memberId, birthYear });
const survey = (members = [willing('m1')]) => ({ householdSize: members.length, povertyCauses: ['lack-of-skills' as const], members });
const twoMembers = registered([member('m1'), member('m2')]);
const removedM2 = { event: ev('MemberRemoved', { memberId: 'm2', reason: 'married out' }), on: '2016-03-01' };
const declared = (memberId: string, on = '2016-03-10') => ({ event: ev('WillingnessDeclared', { memberId }), on });
const withdrawn = (memberId: string, on = '2016-03-10') => ({ event: ev('WillingnessWithdrawn', { memberId }), on });

describe('SurveyHousehold and willingness: what they append', () => {
  const rows: Acceptance[] = [
    { clause: 'a withdrawn household is still surveyed', given: [registered(), withdrew('2016-02-01')], when: c('SurveyHousehold', survey([unable('m1')])), appends: [ev('HouseholdSurveyed', survey([unable('m1')]))] },
    { clause: 'the same survey on the same date is unchanged, though a member it names was removed since', given: [twoMembers, surveyed([willing('m1'), willing('m2')]), removedM2], when: c('SurveyHousehold', { ...survey([willing('m1'), willing('m2')]), on: '2016-02-01' }), appends: [] },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectAppends(r));
});

describe('SurveyHousehold and willingness: why they refuse', () => {
  const rows: Refusal[] = [
    { clause: 'a survey naming a removed member is UNKNOWN_MEMBER', given: [twoMembers, removedM2], when: c('SurveyHousehold', survey([willing('m1'), willing('m2')])), code: 'UNKNOWN_MEMBER' },
    { clause: 'a declaration by a stranger is UNKNOWN_MEMBER', given: [registered()], when: c('DeclareWillingness', { memberId: 'm9' }), code: 'UNKNOWN_MEMBER' },
    { clause: 'a declaration by a removed member is UNKNOWN_MEMBER', given: [twoMembers, removedM2], when: c('DeclareWillingness', { memberId: 'm2' }), code: 'UNKNOWN_MEMBER' },
    { clause: 'a withdrawal by a removed member is UNKNOWN_MEMBER', given: [twoMembers, surveyed([willing('m1'), willing('m2')]), removedM2], when: c('WithdrawWillingness', { memberId: 'm2' }), code: 'UNKNOWN_MEMBER' },
    { clause: 'declaring again after a declaration is NO_CHANGE', given: [registered(), surveyed([unwilling('m1')]), declared('m1')], when: c('DeclareWillingness', { memberId: 'm1' }), code: 'NO_CHANGE' },
    { clause: 'withdrawing from a member surveyed as not wanting work is NO_CHANGE', given: [registered(), surveyed([unwilling('m1')])], when: c('WithdrawWillingness', { memberId: 'm1' }), code: 'NO_CHANGE' },
    { clause: 'withdrawing again after a withdrawal is NO_CHANGE', given: [registered(), surveyed(), withdrawn('m1')], when: c('WithdrawWillingness', { memberId: 'm1' }), code: 'NO_CHANGE' },
    { clause: 'withdrawing from a member never surveyed nor declared is NO_CHANGE (contract silent; code\'s answer kept)', given: [registered()], when: c('WithdrawWillingness', { memberId: 'm1' }), code: 'NO_CHANGE' },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectRefused(r.given, r.when, r.code, r.ctx));
});

describe('SurveyHousehold and willingness: of two refusals, the one §4.5 lists first', () => {
  const threeMembers = registered([member('m1'), member('m2'), member('m3')]);
  const rows: Precedence[] = [
    { clause: 'a stranger listed after a member surveyed twice is UNKNOWN_MEMBER, not DUPLICATE_ID', first: 'UNKNOWN_MEMBER', second: 'DUPLICATE_ID', given: [threeMembers], when: c('SurveyHousehold', survey([willing('m1'), willing('m1'), willing('m9')])), alone: { when: c('SurveyHousehold', survey([willing('m1'), willing('m1'), willing('m3')])) } },
    { clause: 'a removed member surveyed twice is UNKNOWN_MEMBER, not DUPLICATE_ID', first: 'UNKNOWN_MEMBER', second: 'DUPLICATE_ID', given: [twoMembers, removedM2], when: c('SurveyHousehold', survey([willing('m2'), willing('m1'), willing('m2')])), alone: { given: [twoMembers] } },
    { clause: 'a removed member who is already willing declares: UNKNOWN_MEMBER, not NO_CHANGE', first: 'UNKNOWN_MEMBER', second: 'NO_CHANGE', given: [twoMembers, surveyed([willing('m1'), willing('m2')]), removedM2], when: c('DeclareWillingness', { memberId: 'm2' }), alone: { given: [twoMembers, surveyed([willing('m1'), willing('m2')])] } },
    { clause: 'a removed member who is already unwilling withdraws: UNKNOWN_MEMBER, not NO_CHANGE', first: 'UNKNOWN_MEMBER', second: 'NO_CHANGE', given: [twoMembers, surveyed([willing('m1'), unwilling('m2')]), removedM2], when: c('WithdrawWillingness', { memberId: 'm2' }), alone: { given: [twoMembers, surveyed([willing('m1'), unwilling('m2')])] } },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectPrecedence(r));
});
