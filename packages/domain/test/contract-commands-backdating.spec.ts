import { ev } from '../src';
import { applied, command as c, employed, identifiedHousehold, referred, registered, surveyed, trainingOffered, willing } from '../src/testing';
import { Acceptance, allowing, expectAppends, expectRefused, Refusal } from './support/contract-commands';

/**
 * domain.md §4.3 check 5, the clauses not pinned elsewhere; each refused row beside the same
 * command dated where the clause allows it. Covered here (✓) and pinned elsewhere (→ src/household/spec/decide.spec.ts):
 *  earlier than the latest date minus the allowance → BACKDATED: exactly at the allowance is not ✓
 *  CorrectEvent exempt; before the registration; a change of status before the latest one;
 *    answers, ends and resolutions before what they answer; employment/training before the
 *    acceptance; a follow-up before the clearance                                       → decide.spec.ts
 *  a command naming a member dated before that member was added: offer, survey         → decide.spec.ts
 *    … a declaration of willingness, a removal, an employment                            ✓
 *    (a referral of a member never surveyed is NOT_ELIGIBLE first: contract-commands-order-of-checks.spec.ts)
 *  an identification or a referral before the latest survey it reads                    → decide.spec.ts
 *  an identification or a clearance before the latest removal of a member               ✓ (a relapse → decide.spec.ts)
 *  decision 141 (employment start/end, removal, survey, willingness after a decision)   → decide.spec.ts
 */

const member = (memberId: string, birthYear = 1980) => ({ memberId, birthYear });
const a30 = allowing(30);
const job = (memberId: string, on: string) => c('RecordEmployment', { employmentId: 'e2', memberId, form: 'flexible', place: 'local', monthlyIncome: 2000, contractSigned: false, on });
const referral = (on: string) => c('ReferToJob', { referralId: 'r2', memberId: 'm1', employer: 'Mill', position: 'Packer', place: 'local', form: 'enterprise', offeredMonthlyWage: 2500, on });
const addedM2 = [...identifiedHousehold, { event: ev('MemberAdded', { memberId: 'm2', birthYear: 1990 }), on: '2016-05-10' }, referred('r1', 'm1', '2016-05-20')];
const removal = (on: string) => ({ event: ev('MemberRemoved', { memberId: 'm2', reason: 'left' }), on });
const two = [registered([member('m1'), member('m2')]), surveyed([willing('m1'), willing('m2')])];
/** Applied on 03-01; m2 removed on 03-20; an offer on 03-25 is the latest date. */
const removedBeforeIdentification = [...two, applied(), removal('2016-03-20'), trainingOffered('t1', 'm1', '2016-03-25')];
/** Identified on 04-01; m1 employed from 05-01; m2 removed on 05-20; an offer on 05-25 is the latest date. */
const removedBeforeClearance = [...two, applied(), { event: ev('HouseholdIdentified', { eligibleMemberIds: ['m1', 'm2'] }), on: '2016-04-01' }, employed('e1', 'm1', '2016-05-01'), removal('2016-05-20'), trainingOffered('t1', 'm1', '2016-05-25')];
const latestMay1 = [...identifiedHousehold, trainingOffered('t1', 'm1', '2016-05-01')];

const refused: Refusal[] = [
  { clause: 'a day more than the allowance before the latest date', ctx: a30, given: latestMay1, when: referral('2016-03-31'), code: 'BACKDATED' },
  { clause: 'a declaration of willingness before the member was added', ctx: a30, given: addedM2, when: c('DeclareWillingness', { memberId: 'm2', on: '2016-05-05' }), code: 'BACKDATED' },
  { clause: 'a removal before the member was added', ctx: a30, given: addedM2, when: c('RemoveMember', { memberId: 'm2', reason: 'x', on: '2016-05-05' }), code: 'BACKDATED' },
  { clause: 'an employment before the member was added', ctx: a30, given: addedM2, when: job('m2', '2016-05-05'), code: 'BACKDATED' },
  { clause: 'an identification before the latest removal of a member', ctx: a30, given: removedBeforeIdentification, when: c('IdentifyHousehold', { on: '2016-03-10' }), code: 'BACKDATED' },
  { clause: 'a clearance before the latest removal of a member', ctx: a30, given: removedBeforeClearance, when: c('ClearHousehold', { on: '2016-05-10' }), code: 'BACKDATED' },
];

const allowed: Acceptance[] = [
  { clause: 'exactly the allowance before the latest date', ctx: a30, given: latestMay1, when: referral('2016-04-01'), appends: [ev('MemberReferred', { referralId: 'r2', memberId: 'm1', employer: 'Mill', position: 'Packer', place: 'local', form: 'enterprise', offeredMonthlyWage: 2500 })] },
  { clause: 'a declaration of willingness after the member was added', ctx: a30, given: addedM2, when: c('DeclareWillingness', { memberId: 'm2', on: '2016-05-12' }), appends: [ev('WillingnessDeclared', { memberId: 'm2' })] },
  { clause: 'a removal after the member was added', ctx: a30, given: addedM2, when: c('RemoveMember', { memberId: 'm2', reason: 'x', on: '2016-05-12' }), appends: [ev('MemberRemoved', { memberId: 'm2', reason: 'x' })] },
  { clause: 'an employment after the member was added', ctx: a30, given: addedM2, when: job('m2', '2016-05-12'), appends: [ev('MemberEmployed', { employmentId: 'e2', memberId: 'm2', form: 'flexible', place: 'local', monthlyIncome: 2000, contractSigned: false })] },
  { clause: 'an identification after the latest removal of a member', ctx: a30, given: removedBeforeIdentification, when: c('IdentifyHousehold', { on: '2016-03-21' }), appends: [ev('HouseholdIdentified', { eligibleMemberIds: ['m1'] })] },
  { clause: 'a clearance after the latest removal of a member', ctx: a30, given: removedBeforeClearance, when: c('ClearHousehold', { on: '2016-05-21' }), appends: [ev('HouseholdCleared', { activeEmploymentIds: ['e1'] })] },
];

describe('§4.3 check 5, within a 30-day allowance: BACKDATED', () => {
  it.each(refused.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectRefused(r.given, r.when, r.code, r.ctx));
});

describe('§4.3 check 5, within a 30-day allowance: the same command dated where the clause allows it', () => {
  it.each(allowed.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectAppends(r));
});
