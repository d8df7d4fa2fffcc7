import { CommandOf } from '../commands';
import { DecisionContext } from '../context';
import { append, Decision, reject } from '../decision';
import { isWorkingAge, liveMember } from '../eligibility';
import { ev } from '../events';
import { HouseholdState, isActive, TrainingState } from '../state';

export const offerTraining = (c: CommandOf<'OfferTraining'>, s: HouseholdState, ctx: DecisionContext): Decision => {
  const m = liveMember(s, c.memberId);
  if (!m) return reject('UNKNOWN_MEMBER', `no member "${c.memberId}" in this household`, { path: 'memberId', message: 'not a member of the household' });
  if (!isActive(s)) return reject('HOUSEHOLD_INACTIVE', `the household is ${s.status}`, { path: 'householdId', message: `the household is ${s.status}` });
  if (!isWorkingAge(m, c.on, ctx.policy)) return reject('NOT_WORKING_AGE', `member "${c.memberId}" is not of working age`, { path: 'memberId', message: 'not of working age on this date' });
  const { trainingId, memberId, kind, title, provider } = c;
  return append(ev('TrainingOffered', { trainingId, memberId, kind, title, provider }));
};

/*
 * The events' data are written out as literals, one per shape, rather than spread from a
 * common part: a spread of objects is a generic copy, and a field added afterwards moves
 * the object's fields out of line. The field order is the one the spreads gave.
 */
const ref = (trainingId: string, t: TrainingState) => ({ trainingId, memberId: t.memberId, kind: t.kind });

/** Accepting or declining is the person's choice; a decline is recorded and changes nothing else. */
export const answerTraining = (c: CommandOf<'AcceptTraining'> | CommandOf<'DeclineTraining'>, s: HouseholdState): Decision => {
  const t = s.trainings.get(c.trainingId);
  if (!t || t.status !== 'offered') return reject('OFFER_NOT_OPEN', `training offer "${c.trainingId}" is not open`, { path: 'trainingId', message: t ? `the training is ${t.status}, not offered` : 'no such training in the household' });
  if (c.type === 'AcceptTraining') return append(ev('TrainingAccepted', ref(c.trainingId, t)));
  return append(
    ev('TrainingDeclined', c.reason !== undefined ? { trainingId: c.trainingId, memberId: t.memberId, kind: t.kind, reason: c.reason } : ref(c.trainingId, t)),
  );
};

export const finishTraining = (c: CommandOf<'CompleteTraining'> | CommandOf<'LeaveTraining'>, s: HouseholdState): Decision => {
  const t = s.trainings.get(c.trainingId);
  if (!t || t.status !== 'accepted') return reject('TRAINING_NOT_ACCEPTED', `training "${c.trainingId}" is not accepted and under way`, { path: 'trainingId', message: t ? `the training is ${t.status}, not accepted and under way` : 'no such training in the household' });
  if (c.type === 'LeaveTraining') return append(ev('TrainingLeft', { trainingId: c.trainingId, memberId: t.memberId, kind: t.kind, reason: c.reason }));
  return append(
    ev('MemberTrained', c.certified !== undefined ? { trainingId: c.trainingId, memberId: t.memberId, kind: t.kind, certified: c.certified } : ref(c.trainingId, t)),
  );
};
