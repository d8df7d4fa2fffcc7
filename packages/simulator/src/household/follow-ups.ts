import { CONCERN_OUTCOMES, LABOR_CONCERN_INDICATORS, LaborConcernIndicator } from '@hearth/domain';
import { FINDINGS_CONCERN, FINDINGS_IDLE, FINDINGS_OK, RESOLUTION_REASONS } from '../catalog';
import { Member } from '../members';
import { anyEmployed } from './eligibility';
import { endEmployment } from './employment';
import { emit, schedule, SimulatedHousehold } from './simulated-household';
import { FOLLOW_UP, RESOLVE } from './tasks';

/**
 * Follow-up visits to a cleared household, about every three months while it stays
 * cleared, and the labour concerns a visit may raise and their resolution. Visits are
 * numbered from 1 (`visitId` `v<n>`).
 */

/** Days until the next follow-up visit: mostly on time, sometimes late. */
export const followUpGap = (h: SimulatedHousehold): number => {
  const r = h.rng.float();
  return r < 0.88 ? h.rng.int(80, 95) : r < 0.97 ? h.rng.int(96, 140) : h.rng.int(141, 220);
};

/** A visit scheduled under clearance number `epoch`; stale once the household relapsed (and perhaps was cleared again). */
export const followUp = (h: SimulatedHousehold, epoch: number): void => {
  if (h.status !== 'cleared' || epoch !== h.epoch) return;
  const rng = h.rng;
  const visit = ++h.visits;
  const stillEmployed = anyEmployed(h);
  const concerns: LaborConcernIndicator[] = [];
  if (stillEmployed && rng.chance(0.012)) {
    const n = rng.chance(0.8) ? 1 : 2;
    while (concerns.length < n) {
      const c = LABOR_CONCERN_INDICATORS[rng.weighted([0.12, 0.3, 0.3, 0.04, 0.1, 0.1, 0.02, 0.02])] as LaborConcernIndicator;
      if (!concerns.includes(c)) concerns.push(c);
    }
  }
  const findings = concerns.length > 0 ? rng.pick(FINDINGS_CONCERN) : stillEmployed ? rng.pick(FINDINGS_OK) : rng.pick(FINDINGS_IDLE);
  emit(h, 'RecordFollowUp', { visitId: `v${visit}`, findings, stillEmployed, laborConcerns: concerns }, rng.chance(0.15) ? h.otherActor : h.actor);
  if (concerns.length > 0) {
    h.openConcerns.add(visit);
    if (rng.chance(0.9)) schedule(h, h.now + rng.int(7, 75), RESOLVE, visit);
  }
  schedule(h, h.now + followUpGap(h), FOLLOW_UP, epoch);
};

/** Resolves the concerns raised at `visit`; when the outcome is that the work ended, it ends. */
export const resolve = (h: SimulatedHousehold, visit: number): void => {
  if (!h.openConcerns.has(visit)) return;
  const outcome = CONCERN_OUTCOMES[h.rng.weighted([0.5, 0.35, 0.15])] as (typeof CONCERN_OUTCOMES)[number];
  emit(h, 'ResolveLaborConcern', { visitId: `v${visit}`, outcome, reason: RESOLUTION_REASONS[outcome] });
  h.openConcerns.delete(visit);
  if (outcome === 'employment-ended') {
    const e = h.employments.findIndex((x) => !x.ended && !(h.members[x.member] as Member).removed);
    if (e >= 0) endEmployment(h, e, 'quit');
  }
};
