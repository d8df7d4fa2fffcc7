import { ev } from '../src';
import {
  applied, clearedHousehold, command as c, employed, exempted, identifiedHousehold, registered, surveyed, unable, unwilling, willing, withdrew,
} from '../src/testing';
import { Acceptance, expectAppends, expectPrecedence, expectRefused, Precedence, Refusal } from './support/contract-commands';

/**
 * domain.md §4.5, ApplyForIdentification, WithdrawApplication, IdentifyHousehold and RejectApplication.
 * Covered here (✓) and pinned elsewhere (→ src/household/spec/…):
 *  ApplyForIdentification appends IdentificationApplied {}                              → decide.spec.ts
 *    … again after an application withdrawn or rejected (§4.1: back to surveyed)        ✓
 *    ALREADY_APPLIED (applied, identified); HOUSEHOLD_INACTIVE (withdrawn); NOT_SURVEYED → decide.spec.ts
 *    ALREADY_APPLIED (cleared); HOUSEHOLD_INACTIVE (exempted)                           ✓
 *    HOUSEHOLD_INACTIVE before NOT_SURVEYED                                             ✓ (ALREADY_APPLIED cannot meet either:
 *      applied needs a survey, and is never withdrawn or exempted at once)
 *  WithdrawApplication appends ApplicationWithdrawn {}; NO_APPLICATION (surveyed)        → decide.spec.ts
 *    NO_APPLICATION when identified                                                     ✓
 *  RejectApplication appends ApplicationRejected {reason}; NO_APPLICATION (identified)   → decide.spec.ts
 *    NO_APPLICATION after the application was withdrawn                                 ✓
 *  IdentifyHousehold appends HouseholdIdentified {eligibleMemberIds}                    → decide.spec.ts (one unwilling member left out)
 *    the members eligible on `on`: not one past working age that year, not one removed ✓
 *    NO_APPLICATION; NO_ELIGIBLE_MEMBER; MEMBER_EMPLOYED                                → decide.spec.ts
 *    MEMBER_EMPLOYED only for an eligible member employed: an unwilling one does not count ✓
 *    NO_APPLICATION before NO_ELIGIBLE_MEMBER and before MEMBER_EMPLOYED                ✓ (NO_ELIGIBLE_MEMBER and MEMBER_EMPLOYED
 *      cannot both apply: the second reads eligible members only)
 */

const member = (memberId: string, birthYear = 1980) => ({ memberId, birthYear });
const withdrawnApplication = { event: ev('ApplicationWithdrawn', {}), on: '2016-03-05' };
const rejected = { event: ev('ApplicationRejected', { reason: 'income above line' }), on: '2016-03-05' };

describe('application and identification: what they append', () => {
  const rows: Acceptance[] = [
    { clause: 'a household applies again after withdrawing its application', given: [registered(), surveyed(), applied(), withdrawnApplication], when: c('ApplyForIdentification', {}), appends: [ev('IdentificationApplied', {})] },
    { clause: 'a household applies again after its application was rejected', given: [registered(), surveyed(), applied(), rejected], when: c('ApplyForIdentification', {}), appends: [ev('IdentificationApplied', {})] },
    { clause: 'an identification lists the members eligible on its date: not one who turns 60 that year', given: [registered([member('m1'), member('m2', 1956)]), surveyed([willing('m1'), willing('m2')]), applied()], when: c('IdentifyHousehold', {}), appends: [ev('HouseholdIdentified', { eligibleMemberIds: ['m1'] })] },
    { clause: 'an identification lists the members eligible on its date: not one removed', given: [registered([member('m1'), member('m2')]), surveyed([willing('m1'), willing('m2')]), applied(), { event: ev('MemberRemoved', { memberId: 'm2', reason: 'left' }), on: '2016-03-10' }], when: c('IdentifyHousehold', {}), appends: [ev('HouseholdIdentified', { eligibleMemberIds: ['m1'] })] },
    { clause: 'a member employed but not willing does not stop an identification', given: [registered([member('m1'), member('m2')]), surveyed([willing('m1'), unwilling('m2')]), employed('e1', 'm2', '2016-02-15'), applied()], when: c('IdentifyHousehold', {}), appends: [ev('HouseholdIdentified', { eligibleMemberIds: ['m1'] })] },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectAppends(r));
});

describe('application and identification: why they refuse', () => {
  const rows: Refusal[] = [
    { clause: 'a cleared household applying is ALREADY_APPLIED', given: clearedHousehold, when: c('ApplyForIdentification', {}), code: 'ALREADY_APPLIED' },
    { clause: 'an exempted household applying is HOUSEHOLD_INACTIVE', given: [registered(), surveyed(), exempted('2016-02-05')], when: c('ApplyForIdentification', {}), code: 'HOUSEHOLD_INACTIVE' },
    { clause: 'withdrawing the application of an identified household is NO_APPLICATION', given: identifiedHousehold, when: c('WithdrawApplication', {}), code: 'NO_APPLICATION' },
    { clause: 'rejecting an application already withdrawn is NO_APPLICATION', given: [registered(), surveyed(), applied(), withdrawnApplication], when: c('RejectApplication', { reason: 'x' }), code: 'NO_APPLICATION' },
    { clause: 'identifying after the application was withdrawn is NO_APPLICATION', given: [registered(), surveyed(), applied(), withdrawnApplication], when: c('IdentifyHousehold', {}), code: 'NO_APPLICATION' },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectRefused(r.given, r.when, r.code, r.ctx));
});

describe('application and identification: of two refusals, the one §4.5 lists first', () => {
  const rows: Precedence[] = [
    { clause: 'a withdrawn household never surveyed applies: HOUSEHOLD_INACTIVE, not NOT_SURVEYED', first: 'HOUSEHOLD_INACTIVE', second: 'NOT_SURVEYED', given: [registered(), withdrew('2016-02-01')], when: c('ApplyForIdentification', {}), alone: { given: [registered()] } },
    { clause: 'no application and no eligible member: NO_APPLICATION', first: 'NO_APPLICATION', second: 'NO_ELIGIBLE_MEMBER', given: [registered(), surveyed([unable('m1')])], when: c('IdentifyHousehold', {}), alone: { given: [registered(), surveyed([unable('m1')]), applied()] } },
    { clause: 'no application and an eligible member employed: NO_APPLICATION', first: 'NO_APPLICATION', second: 'MEMBER_EMPLOYED', given: [registered(), surveyed(), employed('e1', 'm1', '2016-02-15')], when: c('IdentifyHousehold', {}), alone: { given: [registered(), surveyed(), employed('e1', 'm1', '2016-02-15'), applied()] } },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectPrecedence(r));
});
