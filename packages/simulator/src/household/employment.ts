import { EMPLOYMENT_END_REASONS, EmploymentEndReason } from '@hearth/domain';
import { Day, firstOfMonth, firstOfNextMonth, isoMonth } from '../calendar';
import { Job, jobOf, pickForm, pickPlace } from '../jobs';
import { Member } from '../members';
import { anyEmployed, workingAge } from './eligibility';
import { active, emit, Employment, Fields, Referral, schedule, SimulatedHousehold } from './simulated-household';
import { CLEAR, CLEARING, END_EMPLOYMENT, FINAL, INCOME, REEMPLOY, RELAPSE, TEMPORARY } from './tasks';

/**
 * Employments: recorded from an accepted referral or arranged by the member, with how
 * each one will end and whether its monthly income is reported; and the end of one,
 * which for a cleared household with nobody left at work decides what comes next.
 * Employments are named by their index in `h.employments`.
 */

/** Records an employment (from an accepted referral when `ref` ≥ 0, else arranged by the member); `flags` are `CLEARING` and `TEMPORARY`. */
export const employ = (h: SimulatedHousehold, member: number, ref: number, flags: number): void => {
  const m = h.members[member] as Member;
  const r = ref >= 0 ? (h.referrals[ref] as Referral) : undefined;
  const valid = active(h) && workingAge(h, m) && m.employment < 0 && (r === undefined || (r.status === 'accepted' && !r.used));
  if (!valid) {
    if (flags & CLEARING) schedule(h, h.now + h.rng.int(7, 30), FINAL);
    return;
  }
  const rng = h.rng;
  let job: Job;
  if (r) job = r.job;
  else {
    const form = m.wantsSelfEmployment && rng.chance(0.5) ? 'self-employed' : pickForm(rng, m.preferredForms);
    const place = form === 'assisted' || form === 'self-employed' ? 'local' : pickPlace(rng, m.preferredPlaces);
    job = jobOf(rng, h.pools, h.county, form, place);
  }
  const id = `e${h.employments.length + 1}`;
  const contract = job.form === 'enterprise' ? 0.85 : job.form === 'assisted' ? 0.95 : job.form === 'flexible' ? 0.35 : 0;
  const income = r ? job.wage : Math.round(job.wage * (0.85 + 0.3 * rng.float()));
  const fields: Fields<'RecordEmployment'> = {
    employmentId: id, memberId: m.id, form: job.form, place: job.place, monthlyIncome: income, contractSigned: rng.chance(contract),
  };
  if (job.form !== 'self-employed' && (r !== undefined || rng.chance(0.6))) fields.employer = job.employer;
  if (r) {
    fields.referralId = r.id;
    r.used = true;
  }
  emit(h, 'RecordEmployment', fields);
  h.employments.push({ id, member, wage: income, ended: false, endedOn: 0 });
  const e = h.employments.length - 1;
  m.employment = e;
  h.lastEmployedMember = member;
  // How it ends: seasonal work at the season's end, other work perhaps never (within 2016–2020).
  const seasonal = job.form === 'flexible' ? rng.chance(0.8) : rng.chance(0.08);
  if (flags & TEMPORARY)
    schedule(h, h.now + rng.int(30, 120), END_EMPLOYMENT, e, EMPLOYMENT_END_REASONS.indexOf(seasonal ? 'seasonal-end' : 'contract-ended'));
  else if (seasonal) schedule(h, h.now + rng.int(90, 240), END_EMPLOYMENT, e, EMPLOYMENT_END_REASONS.indexOf('seasonal-end'));
  else if (rng.chance(0.55)) {
    const reason = (['contract-ended', 'quit', 'dismissed', 'returned-home', 'other'] as const)[rng.weighted([0.45, 0.2, 0.1, 0.17, 0.08])] as EmploymentEndReason;
    schedule(h, h.now + rng.int(150, 1100), END_EMPLOYMENT, e, EMPLOYMENT_END_REASONS.indexOf(reason));
  }
  if (rng.chance(0.22)) {
    schedule(h, firstOfNextMonth(h.now) + rng.int(0, 6), INCOME, e, firstOfMonth(h.now), rng.int(3, 12));
  }
  if (flags & CLEARING && h.status === 'identified') schedule(h, h.now + rng.int(0, 21), CLEAR);
};

/** Reports the income of employment `e` for the month starting `monthStart`, and schedules the next `left - 1` months. */
export const income = (h: SimulatedHousehold, e: number, monthStart: Day, left: number): void => {
  const emp = h.employments[e] as Employment;
  if (!active(h) || (emp.ended && emp.endedOn < monthStart)) return;
  const rng = h.rng;
  emit(h, 'RecordIncome', { employmentId: emp.id, month: isoMonth(monthStart), amount: Math.round(emp.wage * (0.85 + 0.25 * rng.float())) });
  if (left > 1 && !emp.ended) {
    const next = firstOfNextMonth(monthStart);
    schedule(h, firstOfNextMonth(next) + rng.int(0, 6), INCOME, e, next, left - 1);
  }
};

export const endEmployment = (h: SimulatedHousehold, e: number, reason: EmploymentEndReason): void => {
  const emp = h.employments[e] as Employment;
  if (emp.ended) return;
  emit(h, 'EndEmployment', { employmentId: emp.id, reason });
  emp.ended = true;
  emp.endedOn = h.now;
  (h.members[emp.member] as Member).employment = -1;
  if (anyEmployed(h) || h.status !== 'cleared') return;
  // The household is cleared and nobody works any more: back to work soon, a relapse, or a gap.
  const rng = h.rng;
  const r = rng.float();
  if (r < 0.7) schedule(h, h.now + rng.int(0, 30), REEMPLOY);
  else if (r < 0.85) schedule(h, h.now + rng.int(10, 60), RELAPSE);
  else schedule(h, h.now + rng.int(31, 150), REEMPLOY);
};
