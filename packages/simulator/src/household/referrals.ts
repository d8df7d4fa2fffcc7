import { REFERRAL_DECLINE_REASONS } from '../catalog';
import { makeJob } from '../jobs';
import { Member } from '../members';
import { active, emit, Referral, schedule, SimulatedHousehold } from './simulated-household';
import { CLEARING, EMPLOY, FINAL, MODE_FINAL, MODE_REEMPLOY, MODE_SEARCH, REEMPLOY, REF_ANSWER, TEMPORARY } from './tasks';

/**
 * Job referrals the agency owes: an offer to an eligible member, which the member may
 * decline with no consequence or accept; an accepted one may lead to an employment.
 * How likely each answer is, and what follows it, depends on the mode: during the
 * search, in the final push before clearance, or back to work after clearance.
 * Referrals are named by their index in `h.referrals`.
 */

export const refer = (h: SimulatedHousehold, member: number, mode: number): void => {
  const m = h.members[member] as Member;
  const job = makeJob(h.rng, h.pools, h.county, m.preferredForms, m.preferredPlaces);
  const id = `r${h.referrals.length + 1}`;
  h.referrals.push({ id, member, job, status: 'open', used: false });
  emit(h, 'ReferToJob', {
    referralId: id, memberId: m.id, employer: job.employer, position: job.position, place: job.place, form: job.form,
    offeredMonthlyWage: job.wage,
  });
  schedule(h, h.now + h.rng.int(1, mode === MODE_SEARCH ? 10 : 6), REF_ANSWER, h.referrals.length - 1, mode);
};

export const answerReferral = (h: SimulatedHousehold, k: number, mode: number): void => {
  const r = h.referrals[k] as Referral;
  if (r.status !== 'open' || !active(h)) return;
  const rng = h.rng;
  const declines = mode === MODE_SEARCH ? 0.36 : mode === MODE_FINAL ? 0.15 : 0.25;
  if (rng.chance(declines)) {
    emit(h, 'DeclineReferral', rng.chance(0.75) ? { referralId: r.id, reason: rng.pick(REFERRAL_DECLINE_REASONS) } : { referralId: r.id });
    r.status = 'declined';
    if (mode === MODE_FINAL) schedule(h, h.now + rng.int(10, 40), FINAL);
    if (mode === MODE_REEMPLOY) schedule(h, h.now + rng.int(10, 60), REEMPLOY);
    return;
  }
  emit(h, 'AcceptReferral', { referralId: r.id });
  r.status = 'accepted';
  if (mode === MODE_FINAL) schedule(h, h.now + rng.int(2, 14), EMPLOY, r.member, k, CLEARING);
  else if (mode === MODE_REEMPLOY) schedule(h, h.now + rng.int(2, 10), EMPLOY, r.member, k, 0);
  else if (rng.chance(0.12)) schedule(h, h.now + rng.int(3, 14), EMPLOY, r.member, k, TEMPORARY);
  // Otherwise the interview did not lead to a job: an accepted offer, and nothing more.
};
