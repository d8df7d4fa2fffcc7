import { yearOfDay } from '../calendar';
import { REMOVE_REASONS_ELDER, REMOVE_REASONS_YOUNG } from '../catalog';
import { Member, newborn } from '../members';
import { age, liveCount } from './eligibility';
import { active, emit, schedule, SimulatedHousehold } from './simulated-household';
import { WILL_DECLARE } from './tasks';

/**
 * Changes in the household that happen whatever its stage in the programme: a member
 * no longer wants work (and may want it again later), a child is born, a member leaves.
 */

export const withdrawWillingness = (h: SimulatedHousehold): void => {
  if (!active(h)) return;
  const candidates: number[] = [];
  h.members.forEach((m, i) => {
    if (!m.removed && m.willing && m.employment < 0) candidates.push(i);
  });
  if (candidates.length === 0) return;
  const i = h.rng.pick(candidates);
  const m = h.members[i] as Member;
  emit(h, 'WithdrawWillingness', { memberId: m.id });
  m.willing = false;
  m.wantsWork = false;
  if (h.rng.chance(0.7)) schedule(h, h.now + h.rng.int(45, 300), WILL_DECLARE, i);
};

/** Member `i` wants work again. */
export const declareWillingness = (h: SimulatedHousehold, i: number): void => {
  const m = h.members[i] as Member;
  if (!active(h) || m.removed || m.willing) return;
  emit(h, 'DeclareWillingness', { memberId: m.id });
  m.willing = true;
  m.wantsWork = true;
  if (m.preferredPlaces.length === 0) m.preferredPlaces = ['local'];
};

export const addMember = (h: SimulatedHousehold): void => {
  const m = newborn(h.rng, `m${h.members.length + 1}`, yearOfDay(h.now));
  h.members.push(m);
  emit(h, 'AddMember', { memberId: m.id, birthYear: m.birthYear, sex: m.sex });
};

export const removeMember = (h: SimulatedHousehold): void => {
  if (liveCount(h) < 2) return;
  const candidates: number[] = [];
  h.members.forEach((m, i) => {
    const a = age(h, m);
    if (!m.removed && m.employment < 0 && (a >= 70 || (a >= 18 && a <= 30))) candidates.push(i);
  });
  if (candidates.length === 0) return;
  const m = h.members[h.rng.pick(candidates)] as Member;
  const reason = age(h, m) >= 70 ? h.rng.pick(REMOVE_REASONS_ELDER) : h.rng.pick(REMOVE_REASONS_YOUNG);
  emit(h, 'RemoveMember', { memberId: m.id, reason });
  m.removed = true;
};
