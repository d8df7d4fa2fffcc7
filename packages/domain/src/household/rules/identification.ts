import { CommandOf } from '../commands';
import { DecisionContext } from '../context';
import { append, Decision, reject } from '../decision';
import { eligibleMembers, isEmployed } from '../eligibility';
import { ev } from '../events';
import { HouseholdState, isActive } from '../state';

const NO_OPEN_APPLICATION = { path: 'householdId', message: 'the household has no open application' };

export const applyForIdentification = (_c: CommandOf<'ApplyForIdentification'>, s: HouseholdState): Decision => {
  if (s.status === 'applied' || s.status === 'identified' || s.status === 'cleared')
    return reject('ALREADY_APPLIED', `the household is already ${s.status}`, { path: 'householdId', message: `the household is already ${s.status}` });
  if (!isActive(s)) return reject('HOUSEHOLD_INACTIVE', `the household is ${s.status}`, { path: 'householdId', message: `the household is ${s.status}` });
  if (!s.surveyed) return reject('NOT_SURVEYED', 'the household has not been surveyed', { path: 'householdId', message: 'the household has not been surveyed' });
  return append(ev('IdentificationApplied', {}));
};

export const withdrawApplication = (_c: CommandOf<'WithdrawApplication'>, s: HouseholdState): Decision =>
  s.status === 'applied' ? append(ev('ApplicationWithdrawn', {})) : reject('NO_APPLICATION', 'there is no open application', NO_OPEN_APPLICATION);

export const rejectApplication = (c: CommandOf<'RejectApplication'>, s: HouseholdState): Decision =>
  s.status === 'applied'
    ? append(ev('ApplicationRejected', { reason: c.reason }))
    : reject('NO_APPLICATION', 'there is no open application', NO_OPEN_APPLICATION);

export const identifyHousehold = (c: CommandOf<'IdentifyHousehold'>, s: HouseholdState, ctx: DecisionContext): Decision => {
  if (s.status !== 'applied') return reject('NO_APPLICATION', 'identification needs an open application from the household', NO_OPEN_APPLICATION);
  const eligible = eligibleMembers(s, c.on, ctx.policy);
  if (eligible.length === 0) return reject('NO_ELIGIBLE_MEMBER', 'no member is of working age, able and willing to work', { path: 'householdId', message: 'no member of the household is of working age, able and willing to work on this date' });
  const employed = eligible.find((m) => isEmployed(s, m.memberId, c.on));
  if (employed) return reject('MEMBER_EMPLOYED', `eligible member "${employed.memberId}" is employed`, { path: 'on', message: `eligible member "${employed.memberId}" is employed on this date` });
  return append(ev('HouseholdIdentified', { eligibleMemberIds: eligible.map((m) => m.memberId) }));
};
