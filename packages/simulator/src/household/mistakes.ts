import { FINDINGS_OK, REFERRAL_DECLINE_REASONS } from '../catalog';
import { makeJob } from '../jobs';
import { anyEmployed, eligible } from './eligibility';
import { emit, SimulatedHousehold } from './simulated-household';

/**
 * A plausible mistake the domain must reject: a referral for someone who is not
 * eligible, a clearance without work or a second one, answering an offer already
 * answered, ending an employment twice, a willingness already recorded, a follow-up
 * of a household that is not cleared, or any command after deregistration.
 */
export const mistake = (h: SimulatedHousehold): void => {
  const rng = h.rng;
  const options: (() => void)[] = [];
  if (h.status === 'deregistered') {
    options.push(() => emit(h, 'WithdrawFromProgramme', {}, h.actor, true));
  } else {
    const ineligible = h.members.filter((m) => !m.removed && !eligible(h, m));
    if (ineligible.length > 0) {
      const m = rng.pick(ineligible);
      options.push(() => {
        const job = makeJob(rng, h.pools, h.county, m.preferredForms, m.preferredPlaces);
        const id = `r${h.referrals.length + 1}`;
        h.referrals.push({ id, member: h.members.indexOf(m), job, status: 'declined', used: true }); // rejected: keeps ids unique
        emit(h, 'ReferToJob', {
          referralId: id, memberId: m.id, employer: job.employer, position: job.position, place: job.place, form: job.form,
          offeredMonthlyWage: job.wage,
        }, h.actor, true);
      });
    }
    if (h.status === 'identified' && !anyEmployed(h)) options.push(() => emit(h, 'ClearHousehold', {}, h.actor, true));
    if (h.status === 'cleared') options.push(() => emit(h, 'ClearHousehold', {}, h.actor, true));
    const answered = h.referrals.filter((r) => r.status !== 'open' && !r.used);
    if (answered.length > 0) options.push(() => emit(h, 'DeclineReferral', { referralId: rng.pick(answered).id }, h.actor, true));
    const usedReferrals = h.referrals.filter((r) => r.status === 'accepted');
    if (usedReferrals.length > 0) options.push(() => emit(h, 'DeclineReferral', { referralId: rng.pick(usedReferrals).id, reason: rng.pick(REFERRAL_DECLINE_REASONS) }, h.actor, true));
    const doneTrainings = h.trainings.filter((t) => t.status !== 'offered');
    if (doneTrainings.length > 0) options.push(() => emit(h, 'AcceptTraining', { trainingId: rng.pick(doneTrainings).id }, h.actor, true));
    const ended = h.employments.filter((e) => e.ended);
    if (ended.length > 0) options.push(() => emit(h, 'EndEmployment', { employmentId: rng.pick(ended).id, reason: 'quit' }, h.actor, true));
    const willing = h.members.filter((m) => !m.removed && m.willing);
    if (willing.length > 0) options.push(() => emit(h, 'DeclareWillingness', { memberId: rng.pick(willing).id }, h.actor, true));
    if (h.status !== 'cleared') {
      options.push(() => {
        const visit = ++h.visits;
        emit(h, 'RecordFollowUp', { visitId: `v${visit}`, findings: rng.pick(FINDINGS_OK), stillEmployed: true, laborConcerns: [] }, h.actor, true);
      });
    }
  }
  if (options.length > 0) rng.pick(options)();
};
