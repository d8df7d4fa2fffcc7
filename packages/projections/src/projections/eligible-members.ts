import { isEligible, referencePolicy } from '@hearth/domain';
import { inProgramme } from '../reports/in-programme';
import { MemberFolding, memberFolding, takeMemberFact } from '../reports/member-states';
import type { HouseholdProgress } from './household-progress';
import type { MemberEntry } from './member-facts';
import { laterInLog, registrationVillage, statusAt } from './household-timeline';
import { endOfMonthIndex, monthIndex } from './village-series';

/**
 * The working age the eligible-members counter is kept for: the reference policy's.
 * The projection does not depend on the policy a process passes; a report asked under
 * another working age is computed from the facts (docs/decisions/0061).
 */
export const COUNTED_WORKING_AGE = referencePolicy.workingAge;
export const ELIGIBLE_KEY = `stock.eligible.${COUNTED_WORKING_AGE.min}-${COUNTED_WORKING_AGE.max}`;
/** The series of households with at least one such member: the households behind `eligibleMembers` (decision 186). */
export const ELIGIBLE_HOUSEHOLDS_KEY = `stock.eligible-households.${COUNTED_WORKING_AGE.min}-${COUNTED_WORKING_AGE.max}`;

const byDate = <E extends readonly [number, string, ...unknown[]]>(a: E, b: E): number => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/**
 * The entries in date order, ties in the order given (a stable sort): `entries` itself
 * when already so, as they nearly always are (a household's events are recorded about in
 * the order they happened), else a sorted copy.
 */
const inDateOrder = <E extends readonly [number, string, ...unknown[]]>(entries: readonly E[]): readonly E[] => {
  for (let k = 1; k < entries.length; k++) if ((entries[k - 1] as E)[1] > (entries[k] as E)[1]) return [...entries].sort(byDate);
  return entries;
};

/**
 * Takes `n` more (fewer) eligible members in (village, month index), and `households` (±1)
 * more households with one: one household's part of a village's eligible-members series.
 */
export type EligibleSink = (village: string, month: number, n: number, households: number) => void;

/** The months `eligibleOf` sweeps, for one household at a time (it calls nothing that calls it back). */
let monthsBuffer = new Float64Array(256);

/**
 * Pure: what the household adds to the eligible-members stock, handed to `to` as deltas
 * by (village, month index), each times `sign`: members eligible (reference working age)
 * at a month's end, in a household in the programme then, counted in its village then;
 * and the household itself, once, whenever it has one.
 * The count can only change in a month with one of the household's events or in a
 * January when a member enters or leaves working age.
 *
 * One sweep over those months in order: the village and every member's state at a month's
 * end are those of the entries dated on or before it, chosen by the same rules as everywhere
 * else — the latest entry in log order (household-timeline.ts `laterInLog`, as `villageAt`)
 * and the member facts' fold (reports/member-states.ts `takeMemberFact`, as `memberStatesAt`)
 * — so each month takes in only the entries dated since the month before, instead of
 * folding the household's facts again (decision 85). The status is the timeline's
 * `statusAt` at the month's end: a fold in log order, which a sweep in date order cannot
 * keep (a survey's status depends on the one before it, decision 164), over a few entries.
 */
export const eligibleOf = (p: HouseholdProgress, sign: 1 | -1, to: EligibleSink): void => {
  const { villages, statuses } = p.t;
  if (villages.length === 0) return;
  const facts = inDateOrder(p.members);
  const vs = inDateOrder(villages);
  // Sorted as numbers by the typed array's own sort: a comparator called from `Array.prototype.sort` cost more than the
  // sweep. In a view of one buffer kept for every household (grown as needed), not a buffer of their own each.
  let count = villages.length + statuses.length + facts.length;
  for (const m of facts) if (m[3] !== null) count += 2;
  if (monthsBuffer.length < count) monthsBuffer = new Float64Array(Math.max(count, monthsBuffer.length * 2));
  const months = monthsBuffer.subarray(0, count);
  let at = 0;
  for (const v of villages) months[at++] = monthIndex(v[1]);
  for (const s of statuses) months[at++] = monthIndex(s[1]);
  for (const m of facts) {
    months[at++] = monthIndex(m[1]);
    const birthYear = m[3];
    if (birthYear !== null) {
      months[at++] = (birthYear + COUNTED_WORKING_AGE.min) * 12;
      months[at++] = (birthYear + COUNTED_WORKING_AGE.max + 1) * 12;
    }
  }
  months.sort();
  // Before its first entry on or before a date, a household is in its registration's village (villageAt).
  const first = registrationVillage(p.t) as string;
  let village: [number, string, string] | undefined;
  const states = new Map<string, MemberFolding>();
  let vi = 0;
  let fi = 0;
  let heldVillage: string | undefined;
  let heldN = 0;
  for (let k = 0; k < months.length; k++) {
    const m = months[k] as number;
    if (k > 0 && months[k - 1] === m) continue;
    const end = endOfMonthIndex(m);
    for (; vi < vs.length && (vs[vi] as [number, string, string])[1] <= end; vi++) {
      const v = vs[vi] as [number, string, string];
      if (laterInLog(v, village)) village = v;
    }
    for (; fi < facts.length && (facts[fi] as MemberEntry)[1] <= end; fi++) {
      const [position, on, memberId, birthYear, capacity, willing, removed] = facts[fi] as MemberEntry;
      let s = states.get(memberId);
      if (s === undefined) states.set(memberId, (s = memberFolding(memberId)));
      // Entries of one position keep their order (the sort is stable): the later one wins, as in the fold.
      takeMemberFact(s, position, on, birthYear, capacity, willing, removed);
    }
    const here = village !== undefined ? village[2] : first;
    let n = 0;
    if (inProgramme(statusAt(p.t, end))) for (const s of states.values()) if (isEligible(s, end, referencePolicy)) n++;
    if (heldVillage !== undefined && heldVillage === here && heldN === n) continue;
    if (heldVillage !== undefined && heldN !== 0) to(heldVillage, m, -heldN * sign, -sign);
    if (n !== 0) to(here, m, n * sign, sign);
    heldVillage = here;
    heldN = n;
  }
};
