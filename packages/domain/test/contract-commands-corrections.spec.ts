import { ev } from '../src';
import { command as c, deregistered, employed, identifiedHousehold, registered, surveyed, unwilling, willing } from '../src/testing';
import { Acceptance, expectAppends, expectPrecedence, expectRefused, Precedence, Refusal } from './support/contract-commands';

/**
 * domain.md §4.5, CorrectEvent, and the paragraph on corrections under it. The given facts
 * are stored as e0, e1, … in order, which is how a correction names them.
 * Covered here (✓) and pinned elsewhere (→ src/household/spec/…):
 *  appends EventCorrected {eventId, correctedType, correction, reason}                  → decide.spec.ts (MemberEmployed, IncomeRecorded)
 *    … of a survey (its members amended under the same ids), and of an optional field the
 *    event left out (MemberAdded's sex)                                                  ✓
 *  exempt from back-dating                                                              → decide.spec.ts
 *  UNKNOWN_EVENT: not an event of this household                                        → decide.spec.ts
 *    UNKNOWN_EVENT: itself a correction                                                 ✓
 *  INVALID_CORRECTION: no field                                                         → rejection-fields.spec.ts
 *    an identifier (…Id)                                                                → decide.spec.ts; (…Ids) → copied-fields-eligible-members.spec.ts
 *    the type, the business date                                                        ✓
 *    a field the event does not have                                                    ✓
 *    an amended event no longer valid; a history that no longer replays                 → decide.spec.ts, corrections.spec.ts
 *  UNKNOWN_EVENT before INVALID_CORRECTION; DEREGISTERED (§4.3 check 3) before both      ✓
 */

const member = (memberId: string, birthYear = 1980) => ({ memberId, birthYear });
const added = { event: ev('MemberAdded', { memberId: 'm2', birthYear: 1990 }), on: '2016-05-10' };
const fix = (eventId: string, correction: Record<string, unknown>) => c('CorrectEvent', { eventId, correction, reason: 'keyed wrong' });
const corrected = { event: ev('EventCorrected', { eventId: 'e4', correctedType: 'MemberEmployed', correction: { monthlyIncome: 3100 }, reason: 'payslip' }), on: '2016-07-01' };
const withCorrection = [...identifiedHousehold, employed('e1'), corrected];

describe('CorrectEvent: what it appends', () => {
  const rows: Acceptance[] = [
    { clause: 'a survey corrected names its type', given: [registered([member('m1'), member('m2')]), surveyed([willing('m1'), willing('m2')])], when: fix('e1', { householdSize: 3 }), appends: [ev('EventCorrected', { eventId: 'e1', correctedType: 'HouseholdSurveyed', correction: { householdSize: 3 }, reason: 'keyed wrong' })] },
    { clause: 'an optional field the event left out may be given', given: [registered(), added], when: fix('e1', { sex: 'female' }), appends: [ev('EventCorrected', { eventId: 'e1', correctedType: 'MemberAdded', correction: { sex: 'female' }, reason: 'keyed wrong' })] },
    { clause: 'a survey\'s members amended under the same member ids', given: [registered(), surveyed([unwilling('m1')])], when: fix('e1', { members: [willing('m1')] }), appends: [ev('EventCorrected', { eventId: 'e1', correctedType: 'HouseholdSurveyed', correction: { members: [willing('m1')] }, reason: 'keyed wrong' })] },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectAppends(r));
});

describe('CorrectEvent: why it refuses', () => {
  const rows: Refusal[] = [
    { clause: 'correcting a correction is UNKNOWN_EVENT', given: withCorrection, when: fix('e5', { reason: 'x' }), code: 'UNKNOWN_EVENT' },
    { clause: 'correcting the type is INVALID_CORRECTION', given: [...identifiedHousehold, employed('e1')], when: fix('e4', { type: 'MemberAdded' }), code: 'INVALID_CORRECTION' },
    { clause: 'correcting the business date is INVALID_CORRECTION', given: [...identifiedHousehold, employed('e1')], when: fix('e4', { on: '2016-06-02' }), code: 'INVALID_CORRECTION' },
    { clause: 'correcting the business date by its stored name is INVALID_CORRECTION', given: [...identifiedHousehold, employed('e1')], when: fix('e4', { occurredOn: '2016-06-02' }), code: 'INVALID_CORRECTION' },
    { clause: 'a field the event does not have is INVALID_CORRECTION', given: [...identifiedHousehold, employed('e1')], when: fix('e4', { salary: 3100 }), code: 'INVALID_CORRECTION' },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectRefused(r.given, r.when, r.code, r.ctx));
});

describe('CorrectEvent: of two refusals, the one ranked first', () => {
  const rows: Precedence[] = [
    { clause: 'a correction of a correction that amends no field: UNKNOWN_EVENT before INVALID_CORRECTION', first: 'UNKNOWN_EVENT', second: 'INVALID_CORRECTION', given: withCorrection, when: fix('e5', {}), alone: { when: fix('e4', {}) } },
    { clause: 'an unknown event and an identifier: UNKNOWN_EVENT before INVALID_CORRECTION', first: 'UNKNOWN_EVENT', second: 'INVALID_CORRECTION', given: withCorrection, when: fix('e9', { memberId: 'm2' }), alone: { when: fix('e4', { memberId: 'm2' }) } },
    { clause: 'a deregistered household: DEREGISTERED before UNKNOWN_EVENT', first: 'DEREGISTERED', second: 'UNKNOWN_EVENT', given: [registered(), deregistered()], when: fix('e9', { birthYear: 1981 }), alone: { given: [registered()] } },
    { clause: 'a deregistered household: DEREGISTERED before INVALID_CORRECTION', first: 'DEREGISTERED', second: 'INVALID_CORRECTION', given: [registered(), deregistered()], when: fix('e0', { householdId: 'h2' }), alone: { given: [registered()] } },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectPrecedence(r));
});
