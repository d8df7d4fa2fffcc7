import { TRAINING_DECLINE_REASONS, TRAINING_LEAVE_REASONS } from '../catalog';
import { makeTraining } from '../jobs';
import { Member } from '../members';
import { pickMember, workingAge } from './eligibility';
import { active, emit, schedule, SimulatedHousehold, Training } from './simulated-household';
import { TRAIN_ANSWER, TRAIN_FINISH } from './tasks';

/**
 * Training during the job search: an offer to a member able to work, which the member
 * accepts or declines, and an accepted course completed (perhaps certified) or left.
 * Trainings are named by their index in `h.trainings`.
 */

export const offerTraining = (h: SimulatedHousehold): void => {
  const candidates: number[] = [];
  h.members.forEach((m, i) => {
    if (workingAge(h, m) && m.knownCapacity !== undefined && m.knownCapacity !== 'none') candidates.push(i);
  });
  if (candidates.length === 0) return;
  const i = pickMember(h, candidates);
  const m = h.members[i] as Member;
  const { kind, title, provider } = makeTraining(h.rng, m.trainingNeeds);
  const id = `t${h.trainings.length + 1}`;
  h.trainings.push({ id, status: 'offered' });
  emit(h, 'OfferTraining', { trainingId: id, memberId: m.id, kind, title, provider });
  schedule(h, h.now + h.rng.int(2, 14), TRAIN_ANSWER, h.trainings.length - 1);
};

export const answerTraining = (h: SimulatedHousehold, k: number): void => {
  const t = h.trainings[k] as Training;
  if (t.status !== 'offered' || !active(h)) return;
  const rng = h.rng;
  if (rng.chance(0.72)) {
    emit(h, 'AcceptTraining', { trainingId: t.id });
    t.status = 'accepted';
    schedule(h, h.now + rng.int(14, 60), TRAIN_FINISH, k);
  } else {
    emit(h, 'DeclineTraining', rng.chance(0.7) ? { trainingId: t.id, reason: rng.pick(TRAINING_DECLINE_REASONS) } : { trainingId: t.id });
    t.status = 'declined';
  }
};

export const finishTraining = (h: SimulatedHousehold, k: number): void => {
  const t = h.trainings[k] as Training;
  if (t.status !== 'accepted' || !active(h)) return;
  const rng = h.rng;
  if (rng.chance(0.86)) {
    const c = rng.float();
    emit(h, 'CompleteTraining', c < 0.75 ? { trainingId: t.id, certified: true } : c < 0.87 ? { trainingId: t.id, certified: false } : { trainingId: t.id });
    t.status = 'completed';
  } else {
    emit(h, 'LeaveTraining', { trainingId: t.id, reason: rng.pick(TRAINING_LEAVE_REASONS) });
    t.status = 'left';
  }
};
