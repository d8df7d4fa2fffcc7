import { yearOfDay } from '../calendar';
import { Member } from '../members';
import { SimulatedHousehold } from './simulated-household';

/**
 * Which members can work, be referred or be employed today, as the domain would judge
 * it from what it knows (the surveyed capacity and the declared willingness). Members
 * are named by their index in `h.members`.
 */

export const age = (h: SimulatedHousehold, m: Member): number => yearOfDay(h.now) - m.birthYear;

export const workingAge = (h: SimulatedHousehold, m: Member): boolean => {
  const a = age(h, m);
  return !m.removed && a >= 16 && a <= 59;
};

export const eligible = (h: SimulatedHousehold, m: Member): boolean =>
  workingAge(h, m) && (m.knownCapacity === 'full' || m.knownCapacity === 'partial') && m.willing;

export const eligibleUnemployed = (h: SimulatedHousehold): number[] => {
  const out: number[] = [];
  h.members.forEach((m, i) => {
    if (m.employment < 0 && eligible(h, m)) out.push(i);
  });
  return out;
};

export const anyEmployed = (h: SimulatedHousehold): boolean => h.members.some((m) => !m.removed && m.employment >= 0);

export const liveCount = (h: SimulatedHousehold): number => h.members.reduce((n, m) => (m.removed ? n : n + 1), 0);

/** Prefers members able to work fully; otherwise any of the candidates. */
export const pickMember = (h: SimulatedHousehold, candidates: readonly number[]): number => {
  const full = candidates.filter((i) => h.members[i]?.knownCapacity === 'full');
  return h.rng.pick(full.length > 0 && h.rng.chance(0.8) ? full : candidates);
};

/** Someone who can take a job: an eligible member if any, else any able member of working age. */
export const workerFor = (h: SimulatedHousehold, eligibleMembers: readonly number[]): number => {
  if (eligibleMembers.length > 0) return pickMember(h, eligibleMembers);
  const able: number[] = [];
  h.members.forEach((m, i) => {
    if (workingAge(h, m) && m.employment < 0 && m.knownCapacity !== 'none') able.push(i);
  });
  return able.length > 0 ? pickMember(h, able) : -1;
};
