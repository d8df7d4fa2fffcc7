import { DEREGISTRATION_REASONS } from '@hearth/domain';
import { EXEMPT_PROGRAMMES, WITHDRAW_REASONS } from '../catalog';
import { age, liveCount } from './eligibility';
import { emit, schedule, SimulatedHousehold } from './simulated-household';
import { DEREGISTER } from './tasks';

/**
 * Leaving the programme: the household withdraws (voluntarily, at any time), is
 * exempted because another programme covers it, or is deregistered, after which it
 * does nothing more (except the deliberate mistakes).
 */

export const withdraw = (h: SimulatedHousehold): void => {
  if (h.status === 'withdrawn') return;
  emit(h, 'WithdrawFromProgramme', h.rng.chance(0.6) ? { reason: h.rng.pick(WITHDRAW_REASONS) } : {});
  h.status = 'withdrawn';
  if (h.rng.chance(0.1)) schedule(h, h.now + h.rng.int(30, 400), DEREGISTER);
};

export const exempt = (h: SimulatedHousehold): void => {
  if (h.status === 'cleared' || h.status === 'withdrawn' || h.status === 'exempted') return;
  emit(h, 'ExemptHousehold', { programme: h.rng.pick(EXEMPT_PROGRAMMES) });
  h.status = 'exempted';
};

export const deregister = (h: SimulatedHousehold): void => {
  const alone = liveCount(h) === 1 && h.members.some((m) => !m.removed && age(h, m) >= 70);
  const reason = alone && h.rng.chance(0.8) ? 'deceased' : (DEREGISTRATION_REASONS[h.rng.weighted([0.4, 0.1, 0.35, 0.15])] as (typeof DEREGISTRATION_REASONS)[number]);
  emit(h, 'DeregisterHousehold', { reason });
  h.status = 'deregistered';
};
