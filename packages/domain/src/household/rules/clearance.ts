import { CommandOf } from '../commands';
import { append, Decision, reject } from '../decision';
import { activeEmploymentIds } from '../eligibility';
import { ev } from '../events';
import { HouseholdState } from '../state';

export const clearHousehold = (c: CommandOf<'ClearHousehold'>, s: HouseholdState): Decision => {
  if (s.status !== 'identified') return reject('NOT_IDENTIFIED', `the household is ${s.status}, not identified`, { path: 'householdId', message: `the household is ${s.status}, not identified` });
  const active = activeEmploymentIds(s, c.on);
  if (active.length === 0) return reject('NO_ACTIVE_EMPLOYMENT', `no member is employed on ${c.on}`, { path: 'on', message: 'no member is employed on this date' });
  return append(ev('HouseholdCleared', { activeEmploymentIds: active }));
};

export const recordRelapse = (c: CommandOf<'RecordRelapse'>, s: HouseholdState): Decision => {
  if (s.status !== 'cleared') return reject('NOT_CLEARED', `the household is ${s.status}, not cleared`, { path: 'householdId', message: `the household is ${s.status}, not cleared` });
  const active = activeEmploymentIds(s, c.on);
  if (active.length > 0) return reject('MEMBER_EMPLOYED', `employment "${active[0]}" is still active on ${c.on}`, { path: 'on', message: `employment "${active[0]}" is still active on this date` });
  return append(ev('HouseholdRelapsed', { reason: c.reason }));
};
