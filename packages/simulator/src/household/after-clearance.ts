import { RELAPSE_REASONS } from '../catalog';
import { planClearance } from './clearance';
import { anyEmployed, eligibleUnemployed, workerFor } from './eligibility';
import { employ } from './employment';
import { refer } from './referrals';
import { emit, SimulatedHousehold } from './simulated-household';
import { MODE_REEMPLOY } from './tasks';

/**
 * A cleared household whose work has ended (see `endEmployment`): someone goes back
 * to work, through a referral or on their own, or the household relapses and is
 * planned for clearance again.
 */

export const reemploy = (h: SimulatedHousehold): void => {
  if (h.status !== 'cleared' || anyEmployed(h)) return;
  const rng = h.rng;
  const eligible = eligibleUnemployed(h);
  const last = h.lastEmployedMember;
  const member = last >= 0 && eligible.includes(last) && rng.chance(0.7) ? last : workerFor(h, eligible);
  if (member < 0) return;
  if (eligible.includes(member) && rng.chance(0.35)) refer(h, member, MODE_REEMPLOY);
  else employ(h, member, -1, 0);
};

export const relapse = (h: SimulatedHousehold): void => {
  if (h.status !== 'cleared' || anyEmployed(h)) return;
  emit(h, 'RecordRelapse', { reason: h.rng.pick(RELAPSE_REASONS) });
  h.status = 'identified';
  planClearance(h, undefined);
};
