import { CommandOf } from '../commands';
import { DecisionContext } from '../context';
import { append, Decision, reject } from '../decision';
import { liveMember } from '../eligibility';
import { ev } from '../events';
import { HouseholdState } from '../state';
import { bornBy } from './born-by';
import { MEMBERS_AT_MOST } from '../limits';

export const registerHousehold = (c: CommandOf<'RegisterHousehold'>, _s: HouseholdState, ctx: DecisionContext): Decision => {
  const unborn = bornBy(c.members.map((m, i) => ({ path: `members.${i}.birthYear`, birthYear: m.birthYear })), c.on);
  if (unborn) return unborn;
  const division = ctx.divisions.get(c.divisionCode);
  if (!division) return reject('UNKNOWN_DIVISION', `division "${c.divisionCode}" is not in the division tree`, { path: 'divisionCode', message: 'not in the division tree' });
  if (division.level !== 'village')
    return reject('NOT_A_VILLAGE', `division "${c.divisionCode}" is a ${division.level}; households belong to a village`, { path: 'divisionCode', message: `a ${division.level}, not a village` });
  const ids = c.members.map((m) => m.memberId);
  const repeated = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (repeated >= 0) return reject('DUPLICATE_ID', `member "${ids[repeated]}" is listed twice`, { path: `members.${repeated}.memberId`, message: 'listed twice' });
  return append(ev('HouseholdRegistered', { householdId: c.householdId, divisionCode: c.divisionCode, members: c.members }));
};

export const addMember = (c: CommandOf<'AddMember'>, s: HouseholdState): Decision =>
  bornBy([{ path: 'birthYear', birthYear: c.birthYear }], c.on) ??
  // Every member ever named, removed ones too: an identification dated back lists those living then (decision 199).
  (s.members.size >= MEMBERS_AT_MOST
    ? reject('LIMIT_REACHED', `the household's records already name ${s.members.size} members, the most they hold`, { path: 'memberId', message: `no more than ${MEMBERS_AT_MOST} members in one household's records` })
    : append(ev('MemberAdded', { memberId: c.memberId, birthYear: c.birthYear, ...(c.sex ? { sex: c.sex } : {}) })));

export const removeMember = (c: CommandOf<'RemoveMember'>, s: HouseholdState): Decision =>
  liveMember(s, c.memberId)
    ? append(ev('MemberRemoved', { memberId: c.memberId, reason: c.reason }))
    : reject('UNKNOWN_MEMBER', `no member "${c.memberId}" in this household`, { path: 'memberId', message: 'not a member of the household' });
