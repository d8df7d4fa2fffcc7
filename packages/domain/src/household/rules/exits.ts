import { CommandOf } from '../commands';
import { append, Decision, reject } from '../decision';
import { ev } from '../events';
import { HouseholdState } from '../state';

export const exemptHousehold = (c: CommandOf<'ExemptHousehold'>, s: HouseholdState): Decision =>
  s.status === 'cleared' || s.status === 'withdrawn' || s.status === 'exempted'
    ? reject('CANNOT_EXEMPT', `a ${s.status} household cannot be exempted`, { path: 'householdId', message: `the household is ${s.status}` })
    : append(ev('HouseholdExempted', { programme: c.programme }));

/** Participation is voluntary: a household may leave from any status, with no condition. */
export const withdrawFromProgramme = (c: CommandOf<'WithdrawFromProgramme'>, s: HouseholdState): Decision =>
  s.status === 'withdrawn'
    ? reject('ALREADY_WITHDRAWN', 'the household has already withdrawn', { path: 'householdId', message: 'the household has already withdrawn' })
    : append(ev('HouseholdWithdrew', c.reason !== undefined ? { reason: c.reason } : {}));

export const deregisterHousehold = (c: CommandOf<'DeregisterHousehold'>): Decision =>
  append(ev('HouseholdDeregistered', { reason: c.reason }));
