import { CommandOf } from '../commands';
import { append, Decision, reject } from '../decision';
import { liveMember } from '../eligibility';
import { ev } from '../events';
import { HouseholdState } from '../state';

/** Loops over the members, not `find`s over a list of their ids: a survey is one command in eight, and these allocated per survey. */
export const surveyHousehold = (c: CommandOf<'SurveyHousehold'>, s: HouseholdState): Decision => {
  const members = c.members;
  for (let i = 0; i < members.length; i++) {
    const id = (members[i] as (typeof members)[number]).memberId;
    if (!liveMember(s, id)) return reject('UNKNOWN_MEMBER', `no member "${id}" in this household`, { path: `members.${i}.memberId`, message: 'not a member of the household' });
  }
  // The first member whose id an earlier one has.
  for (let i = 1; i < members.length; i++) {
    const id = (members[i] as (typeof members)[number]).memberId;
    for (let j = 0; j < i; j++) if ((members[j] as (typeof members)[number]).memberId === id) return reject('DUPLICATE_ID', `member "${id}" is surveyed twice in one survey`, { path: `members.${i}.memberId`, message: 'surveyed twice in one survey' });
  }
  return append(ev('HouseholdSurveyed', { householdSize: c.householdSize, povertyCauses: c.povertyCauses, members: c.members }));
};

const changeWillingness =
  (willing: boolean) =>
  (c: CommandOf<'DeclareWillingness'> | CommandOf<'WithdrawWillingness'>, s: HouseholdState): Decision => {
    const m = liveMember(s, c.memberId);
    if (!m) return reject('UNKNOWN_MEMBER', `no member "${c.memberId}" in this household`, { path: 'memberId', message: 'not a member of the household' });
    if (m.willing === willing)
      return reject('NO_CHANGE', `member "${c.memberId}" is already ${willing ? 'willing' : 'not willing'} to work`, { path: 'memberId', message: `already ${willing ? 'willing' : 'not willing'} to work` });
    return append(willing ? ev('WillingnessDeclared', { memberId: c.memberId }) : ev('WillingnessWithdrawn', { memberId: c.memberId }));
  };

export const declareWillingness = changeWillingness(true);
export const withdrawWillingness = changeWillingness(false);
