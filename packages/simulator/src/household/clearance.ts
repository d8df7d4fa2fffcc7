import { Day, day } from '../calendar';
import { anyEmployed, eligibleUnemployed, pickMember, workerFor } from './eligibility';
import { employ } from './employment';
import { followUpGap } from './follow-ups';
import { CLEARANCE_YEARS, YEAR_START } from './programme-calendar';
import { refer } from './referrals';
import { emit, schedule, SimulatedHousehold } from './simulated-household';
import { CLEAR, CLEARING, FINAL, FOLLOW_UP, MODE_FINAL, MODE_SEARCH, SEARCH } from './tasks';
import { offerTraining } from './training';

/**
 * From identification to clearance: the day the household is to be cleared is planned,
 * the job search offers training and referrals until the final push, which finds the
 * job that clears it.
 */

/**
 * Picks the day the household is to be cleared (following the policy's yearly
 * shares for the baseline, `undefined` after a relapse), starts the job search, and
 * schedules the final push that finds the job that clears it.
 */
export const planClearance = (h: SimulatedHousehold, shares: readonly number[] | undefined): void => {
  const rng = h.rng;
  let target: Day;
  if (shares === undefined) {
    target = h.now + rng.int(60, 360);
  } else {
    const year = CLEARANCE_YEARS[rng.weighted(shares)] as number;
    const y0 = YEAR_START[year] as Day;
    const y1 = (YEAR_START[year + 1] as Day) - 1;
    const lo = year === 2016 ? Math.max(h.now + 45, day('2016-05-01')) : y0 + 14;
    target = rng.chance(0.3) ? rng.int(Math.max(lo, y1 - 77), y1 - 11) : rng.int(lo, y1 - 11);
    target = Math.max(target, h.now + 45);
  }
  h.finalDay = target - rng.int(10, 25);
  if (h.finalDay - 30 > h.now) schedule(h, h.now + rng.int(5, 30), SEARCH);
  schedule(h, h.finalDay, FINAL);
};

/** Between identification and the final push: training offers and job referrals. */
export const search = (h: SimulatedHousehold): void => {
  if (h.status !== 'identified') return;
  const rng = h.rng;
  const r = rng.float();
  if (r < 0.3) offerTraining(h);
  else if (r < 0.8) {
    const candidates = eligibleUnemployed(h);
    if (candidates.length > 0) refer(h, pickMember(h, candidates), MODE_SEARCH);
  }
  const next = h.now + rng.int(40, 120);
  if (next < h.finalDay - 10) schedule(h, next, SEARCH);
};

/** The last step before clearance: a referral the member is likely to take, or work the member found. */
export const finalPath = (h: SimulatedHousehold): void => {
  if (h.status !== 'identified') return;
  const rng = h.rng;
  if (anyEmployed(h)) return schedule(h, h.now + rng.int(0, 14), CLEAR);
  const eligible = eligibleUnemployed(h);
  if (eligible.length > 0 && rng.chance(0.62)) return refer(h, pickMember(h, eligible), MODE_FINAL);
  const member = workerFor(h, eligible);
  if (member >= 0) employ(h, member, -1, CLEARING);
};

/** Clears the household if someone works; otherwise back to the final push. */
export const clear = (h: SimulatedHousehold): void => {
  if (h.status !== 'identified') return;
  if (!anyEmployed(h)) return schedule(h, h.now + h.rng.int(7, 30), FINAL);
  emit(h, 'ClearHousehold', {});
  h.status = 'cleared';
  h.epoch++;
  schedule(h, h.now + followUpGap(h), FOLLOW_UP, h.epoch);
};
