import { ev } from '../src';
import {
  command as c, exempted, identifiedHousehold, registered, surveyed, trainingAccepted, trainingOffered, willing, withdrew,
} from '../src/testing';
import { Acceptance, expectAppends, expectPrecedence, expectRefused, Precedence, Refusal } from './support/contract-commands';

/**
 * domain.md §4.5, OfferTraining, AcceptTraining, DeclineTraining, CompleteTraining and LeaveTraining.
 * Covered here (✓) and pinned elsewhere (→ src/household/spec/…):
 *  OfferTraining appends TrainingOffered {trainingId, memberId, kind, title, provider}   → decide.spec.ts
 *    UNKNOWN_MEMBER (stranger); HOUSEHOLD_INACTIVE (withdrawn); NOT_WORKING_AGE (too old) → decide.spec.ts
 *    UNKNOWN_MEMBER (removed); HOUSEHOLD_INACTIVE (exempted); NOT_WORKING_AGE (too young) ✓
 *    UNKNOWN_MEMBER; HOUSEHOLD_INACTIVE; NOT_WORKING_AGE in that order; DUPLICATE_ID (§4.3 check 4) before them ✓
 *  AcceptTraining appends TrainingAccepted {trainingId, memberId, kind}                 → decide.spec.ts
 *    … in a withdrawn household too (§4.1 stops offers, not answers)                    ✓ (contract silent; code's answer kept)
 *  DeclineTraining appends TrainingDeclined {trainingId, memberId, kind, reason?}       → decide.spec.ts (with a reason)
 *    … without a reason, none                                                           ✓
 *  OFFER_NOT_OPEN: unknown, already answered (accept, then decline)                     → decide.spec.ts
 *    OFFER_NOT_OPEN: declined then accepted; declining an unknown offer                 ✓
 *  CompleteTraining appends MemberTrained {trainingId, memberId, kind, certified?}      → decide.spec.ts (certified)
 *    … without `certified`, none                                                        ✓
 *  LeaveTraining appends TrainingLeft {trainingId, memberId, kind, reason}              → decide.spec.ts
 *  TRAINING_NOT_ACCEPTED: Complete of an offer only                                     → decide.spec.ts
 *    TRAINING_NOT_ACCEPTED: unknown, declined, completed or left already, for both commands ✓
 *  (The answers and finishes have one refusal each: no pair to order.)
 */

const member = (memberId: string, birthYear = 1980) => ({ memberId, birthYear });
const training = { trainingId: 't1', memberId: 'm1', kind: 'language' as const, title: 'Mandarin', provider: 'Night school' };
const offered = [...identifiedHousehold, trainingOffered('t1')];
const underWay = [...offered, trainingAccepted('t1')];
const declinedT1 = { event: ev('TrainingDeclined', { trainingId: 't1', memberId: 'm1', kind: 'vocational' }), on: '2016-04-12' };
const completedT1 = { event: ev('MemberTrained', { trainingId: 't1', memberId: 'm1', kind: 'vocational' }), on: '2016-05-12' };
const leftT1 = { event: ev('TrainingLeft', { trainingId: 't1', memberId: 'm1', kind: 'vocational', reason: 'moved' }), on: '2016-05-12' };
const twoMembers = (m2BirthYear = 1985) => [registered([member('m1'), member('m2', m2BirthYear)]), surveyed([willing('m1')])];
const removedM2 = { event: ev('MemberRemoved', { memberId: 'm2', reason: 'left' }), on: '2016-03-01' };

describe('training: what it appends', () => {
  const rows: Acceptance[] = [
    { clause: 'declining without a reason appends TrainingDeclined {trainingId, memberId, kind}', given: offered, when: c('DeclineTraining', { trainingId: 't1' }), appends: [ev('TrainingDeclined', { trainingId: 't1', memberId: 'm1', kind: 'vocational' })] },
    { clause: 'completing without `certified` appends MemberTrained {trainingId, memberId, kind}', given: underWay, when: c('CompleteTraining', { trainingId: 't1' }), appends: [ev('MemberTrained', { trainingId: 't1', memberId: 'm1', kind: 'vocational' })] },
    { clause: 'a member of a withdrawn household still answers an offer made before (contract silent; code\'s answer kept)', given: [...offered, withdrew('2016-05-01')], when: c('AcceptTraining', { trainingId: 't1' }), appends: [ev('TrainingAccepted', { trainingId: 't1', memberId: 'm1', kind: 'vocational' })] },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectAppends(r));
});

describe('training: why it refuses', () => {
  const rows: Refusal[] = [
    { clause: 'an offer to a removed member is UNKNOWN_MEMBER', given: [...twoMembers(), removedM2], when: c('OfferTraining', { ...training, memberId: 'm2' }), code: 'UNKNOWN_MEMBER' },
    { clause: 'an offer in an exempted household is HOUSEHOLD_INACTIVE', given: [...identifiedHousehold, exempted('2016-05-01')], when: c('OfferTraining', training), code: 'HOUSEHOLD_INACTIVE' },
    { clause: 'an offer to a member of 15 is NOT_WORKING_AGE', given: twoMembers(2001), when: c('OfferTraining', { ...training, memberId: 'm2' }), code: 'NOT_WORKING_AGE' },
    { clause: 'accepting a declined offer is OFFER_NOT_OPEN', given: [...offered, declinedT1], when: c('AcceptTraining', { trainingId: 't1' }), code: 'OFFER_NOT_OPEN' },
    { clause: 'declining an unknown offer is OFFER_NOT_OPEN', given: identifiedHousehold, when: c('DeclineTraining', { trainingId: 't9' }), code: 'OFFER_NOT_OPEN' },
    { clause: 'completing an unknown training is TRAINING_NOT_ACCEPTED', given: identifiedHousehold, when: c('CompleteTraining', { trainingId: 't9' }), code: 'TRAINING_NOT_ACCEPTED' },
    { clause: 'completing a declined training is TRAINING_NOT_ACCEPTED', given: [...offered, declinedT1], when: c('CompleteTraining', { trainingId: 't1' }), code: 'TRAINING_NOT_ACCEPTED' },
    { clause: 'completing a training twice is TRAINING_NOT_ACCEPTED', given: [...underWay, completedT1], when: c('CompleteTraining', { trainingId: 't1' }), code: 'TRAINING_NOT_ACCEPTED' },
    { clause: 'completing a training left is TRAINING_NOT_ACCEPTED', given: [...underWay, leftT1], when: c('CompleteTraining', { trainingId: 't1' }), code: 'TRAINING_NOT_ACCEPTED' },
    { clause: 'leaving a training only offered is TRAINING_NOT_ACCEPTED', given: offered, when: c('LeaveTraining', { trainingId: 't1', reason: 'x' }), code: 'TRAINING_NOT_ACCEPTED' },
    { clause: 'leaving an unknown training is TRAINING_NOT_ACCEPTED', given: identifiedHousehold, when: c('LeaveTraining', { trainingId: 't9', reason: 'x' }), code: 'TRAINING_NOT_ACCEPTED' },
    { clause: 'leaving a completed training is TRAINING_NOT_ACCEPTED', given: [...underWay, completedT1], when: c('LeaveTraining', { trainingId: 't1', reason: 'x' }), code: 'TRAINING_NOT_ACCEPTED' },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectRefused(r.given, r.when, r.code, r.ctx));
});

describe('OfferTraining: of two refusals, the one ranked first', () => {
  const rows: Precedence[] = [
    { clause: 'a stranger in a withdrawn household: UNKNOWN_MEMBER before HOUSEHOLD_INACTIVE', first: 'UNKNOWN_MEMBER', second: 'HOUSEHOLD_INACTIVE', given: [...identifiedHousehold, withdrew('2016-05-01')], when: c('OfferTraining', { ...training, memberId: 'm9' }), alone: { when: c('OfferTraining', training) } },
    { clause: 'a removed member of 15: UNKNOWN_MEMBER before NOT_WORKING_AGE', first: 'UNKNOWN_MEMBER', second: 'NOT_WORKING_AGE', given: [...twoMembers(2001), removedM2], when: c('OfferTraining', { ...training, memberId: 'm2' }), alone: { given: twoMembers(2001) } },
    { clause: 'a member of 15 in a withdrawn household: HOUSEHOLD_INACTIVE before NOT_WORKING_AGE', first: 'HOUSEHOLD_INACTIVE', second: 'NOT_WORKING_AGE', given: [...twoMembers(2001), withdrew('2016-05-01')], when: c('OfferTraining', { ...training, memberId: 'm2' }), alone: { given: twoMembers(2001) } },
    { clause: 'a training id reused in a withdrawn household: DUPLICATE_ID (check 4) before HOUSEHOLD_INACTIVE', first: 'DUPLICATE_ID', second: 'HOUSEHOLD_INACTIVE', given: [...offered, withdrew('2016-05-01')], when: c('OfferTraining', training), alone: { when: c('OfferTraining', { ...training, trainingId: 't2' }) } },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectPrecedence(r));
});
