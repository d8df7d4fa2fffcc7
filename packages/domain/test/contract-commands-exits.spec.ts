import { ev } from '../src';
import { clearedHousehold, command as c, deregistered, exempted, identifiedHousehold, registered, withdrew } from '../src/testing';
import { Acceptance, expectAppends, expectPrecedence, expectRefused, Precedence, Refusal } from './support/contract-commands';

/**
 * domain.md §4.5, ExemptHousehold, WithdrawFromProgramme and DeregisterHousehold.
 * Covered here (✓) and pinned elsewhere (→ src/household/spec/…):
 *  ExemptHousehold appends HouseholdExempted {programme}                                → decide.spec.ts (identified)
 *    … of a household only registered                                                   ✓
 *    CANNOT_EXEMPT: cleared                                                             → decide.spec.ts
 *    CANNOT_EXEMPT: withdrawn, already exempted                                         ✓
 *  WithdrawFromProgramme appends HouseholdWithdrew {reason?}                            → decide.spec.ts (cleared, with a reason)
 *    … without a reason, none; from exempted (§4.1: any status but deregistered)        ✓
 *    ALREADY_WITHDRAWN                                                                  → decide.spec.ts
 *  DeregisterHousehold appends HouseholdDeregistered {reason}                           → decide.spec.ts (identified)
 *    … of a withdrawn household (§4.1)                                                  ✓
 *    a second one is DEREGISTERED (§4.3)                                                ✓
 *  Each has one refusal of its own: the pairs are with §4.3 check 3, DEREGISTERED first ✓
 */

const rows: Acceptance[] = [
  { clause: 'a household only registered is exempted', given: [registered()], when: c('ExemptHousehold', { programme: 'Disability support' }), appends: [ev('HouseholdExempted', { programme: 'Disability support' })] },
  { clause: 'withdrawing without a reason appends HouseholdWithdrew {}', given: identifiedHousehold, when: c('WithdrawFromProgramme', {}), appends: [ev('HouseholdWithdrew', {})] },
  { clause: 'an exempted household may still withdraw', given: [...identifiedHousehold, exempted('2016-05-01')], when: c('WithdrawFromProgramme', { reason: 'moving' }), appends: [ev('HouseholdWithdrew', { reason: 'moving' })] },
  { clause: 'a withdrawn household is deregistered', given: [registered(), withdrew('2016-02-01')], when: c('DeregisterHousehold', { reason: 'moved' }), appends: [ev('HouseholdDeregistered', { reason: 'moved' })] },
];

const refusals: Refusal[] = [
  { clause: 'exempting a withdrawn household is CANNOT_EXEMPT', given: [registered(), withdrew('2016-02-01')], when: c('ExemptHousehold', { programme: 'x' }), code: 'CANNOT_EXEMPT' },
  { clause: 'exempting an exempted household is CANNOT_EXEMPT', given: [registered(), exempted('2016-02-01')], when: c('ExemptHousehold', { programme: 'x' }), code: 'CANNOT_EXEMPT' },
  { clause: 'deregistering twice is DEREGISTERED', given: [registered(), deregistered()], when: c('DeregisterHousehold', { reason: 'data-error' }), code: 'DEREGISTERED' },
];

const pairs: Precedence[] = [
  { clause: 'a withdrawn household deregistered withdraws again: DEREGISTERED before ALREADY_WITHDRAWN', first: 'DEREGISTERED', second: 'ALREADY_WITHDRAWN', given: [registered(), withdrew('2016-02-01'), deregistered()], when: c('WithdrawFromProgramme', {}), alone: { given: [registered(), withdrew('2016-02-01')] } },
  { clause: 'a cleared household deregistered is exempted: DEREGISTERED before CANNOT_EXEMPT', first: 'DEREGISTERED', second: 'CANNOT_EXEMPT', given: [...clearedHousehold, deregistered()], when: c('ExemptHousehold', { programme: 'x' }), alone: { given: clearedHousehold } },
];

describe('leaving the programme: what it appends', () => {
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectAppends(r));
});

describe('leaving the programme: why it refuses', () => {
  it.each(refusals.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectRefused(r.given, r.when, r.code, r.ctx));
  it.each(pairs.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectPrecedence(r));
});
