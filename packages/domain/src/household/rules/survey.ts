import { CommandOf } from '../commands';
import { append, Decision, reject } from '../decision';
import { liveMember } from '../eligibility';
import { ev } from '../events';
import { HouseholdState } from '../state';

export const surveyHousehold = (c: CommandOf<'SurveyHousehold'>, s: HouseholdState): Decision => {
  const unknown = c.members.find((m) => !liveMember(s, m.memberId));
  if (unknown) return reject('UNKNOWN_MEMBER', `no member "${unknown.memberId}" in this household`);
  const ids = c.members.map((m) => m.memberId);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) return reject('DUPLICATE_ID', `member "${repeated}" is surveyed twice in one survey`);
  return append(ev('HouseholdSurveyed', { householdSize: c.householdSize, povertyCauses: c.povertyCauses, members: c.members }));
};

const changeWillingness =
  (willing: boolean) =>
  (c: CommandOf<'DeclareWillingness'> | CommandOf<'WithdrawWillingness'>, s: HouseholdState): Decision => {
    const m = liveMember(s, c.memberId);
    if (!m) return reject('UNKNOWN_MEMBER', `no member "${c.memberId}" in this household`);
    if (m.willing === willing)
      return reject('NO_CHANGE', `member "${c.memberId}" is already ${willing ? 'willing' : 'not willing'} to work`);
    return append(willing ? ev('WillingnessDeclared', { memberId: c.memberId }) : ev('WillingnessWithdrawn', { memberId: c.memberId }));
  };

export const declareWillingness = changeWillingness(true);
export const withdrawWillingness = changeWillingness(false);
