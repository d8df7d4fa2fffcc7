import { addDays, AFTER_EVERY_DATE, daysBetween, DivisionTree, isEligible, Policy } from '@hearth/domain';
import type { BacklogFacts, HouseholdFacts, SpellFacts } from './backlog-facts';
import { divisionNamed } from './division-scope';
import { inProgramme } from './in-programme';
import type { ConcernFact } from './read-model-facts';
import type { ServiceBacklog } from './read-models';
import { lastPassedDeadline } from './survey-deadline';

export interface BacklogQuery {
  readonly division?: string;
  /** Default: today is not a business date the library can know; the caller passes it. */
  readonly asOf: string;
  /**
   * Only households registered under this division now (their latest village): a caseworker's
   * scope, which follows a household to where it is now, while the backlog places each where it
   * was at `asOf` (decision 15). Without it, every household placed in `division` at `asOf`.
   */
  readonly registeredNowUnder?: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

const append = (m: Map<string, string[]>, key: string, value: string): void => {
  const list = m.get(key);
  if (list) list.push(value);
  else m.set(key, [value]);
};

const byHousehold = (a: { householdId: string }, b: { householdId: string }): number =>
  a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : 0;

export interface BacklogOptions {
  /**
   * How many households' facts are held at once. Memory holds one chunk's facts and the
   * answer's lists, not every household's facts; the answer is the same for any size.
   */
  readonly chunkSize?: number;
}

/**
 * Households a chunk (a page of timelines at the root) by default. Measured when a chunk
 * read each household's fact rows (decision 61): 32–256 a chunk cost the same CPU and
 * ~145 MiB peak at the root of 20,000 households, 1,024 ~15% more CPU and 240 MiB, 4,096
 * ~35% more and 380 MiB (docs/performance.md). With the timelines (decision 113), 256 and
 * 4,096 cost the same at the root there.
 */
export const DEFAULT_BACKLOG_CHUNK = 256;

/** Every code of the division's subtree: the villages a household in scope can be in (`tree.contains`). */
const subtreeCodes = (tree: DivisionTree, code: string): string[] => {
  const out: string[] = [];
  const visit = (c: string): void => {
    out.push(c);
    for (const child of tree.children(c)) visit(child.code);
  };
  visit(code);
  return out;
};

type Lists = Mutable<Omit<ServiceBacklog, 'division' | 'asOf'>>;

/** The survey-update window that has passed: from the first day of the deadline's year to the deadline, both inclusive. */
interface SurveyWindow {
  readonly from: string;
  readonly deadline: string;
}

const surveyWindowAt = (d: string, policy: Policy): SurveyWindow | undefined => {
  const passed = lastPassedDeadline(d, policy);
  return passed && { from: `${passed.year}-01-01`, deadline: passed.deadline };
};

/**
 * Adds to `out` what the agency owes a household identified or cleared at the end of `d`:
 * referrals to its willing, unemployed eligible members (docs/decisions/0136) and, while
 * it is identified, the clearance of its employments.
 */
const addSpell = (out: Lists, h: HouseholdFacts, spell: SpellFacts, d: string, policy: Policy): void => {
  const { householdId, village: divisionCode } = h;
  const since = h.standing.identifiedOn as string;
  /** employment → its member and whether it has not ended, in the order they first started. */
  const employments = new Map<string, { memberId: string; active: boolean }>();
  /** member → business dates of the member's referrals. */
  const referrals = new Map<string, string[]>();
  for (const [, on, kind, memberId, refId] of spell.activity) {
    if (kind === 'employment-started') employments.set(refId as string, { memberId: memberId as string, active: true });
    else if (kind === 'employment-ended') {
      const e = employments.get(refId as string);
      if (e) e.active = false;
    } else if (kind === 'referral-made') append(referrals, memberId as string, on);
  }
  const active = [...employments].filter(([, e]) => e.active);
  for (const m of spell.members.values()) {
    if (!isEligible(m, d, policy) || active.some(([, e]) => e.memberId === m.memberId)) continue;
    const made = (referrals.get(m.memberId) ?? []).filter((on) => on >= since).length;
    if (made < policy.minReferrals)
      out.referralsOwed.push({ householdId, divisionCode, memberId: m.memberId, identifiedOn: since, referrals: made, owed: policy.minReferrals - made });
  }
  if (h.standing.status !== 'identified') return;
  const pending = active.filter(([, e]) => spell.members.get(e.memberId)?.removed === false).map(([id]) => id);
  if (pending.length > 0) out.clearancePending.push({ householdId, divisionCode, activeEmploymentIds: pending });
};

/** Adds to `out` what one household owes at the end of `d` but its open labour concerns. */
const addHousehold = (out: Lists, h: HouseholdFacts, d: string, policy: Policy, survey: SurveyWindow | undefined): void => {
  const { householdId, village: divisionCode, standing } = h;
  const s = standing.status;
  if (s === null) return;
  if (h.spell !== null) addSpell(out, h, h.spell, d, policy);
  if (s === 'cleared') {
    const cleared = standing.clearedOn as string;
    const visit = standing.lastVisitOn;
    const lastVisitOn = visit !== null && visit >= cleared ? visit : null;
    const dueOn = addDays(lastVisitOn ?? cleared, policy.followUpEveryDays);
    if (dueOn < d) out.followUpsOverdue.push({ householdId, divisionCode, clearedOn: cleared, lastVisitOn, dueOn });
  }
  if (survey && inProgramme(s)) {
    const surveyedIn = standing.surveyedOn.some((on) => on >= survey.from && on <= survey.deadline);
    if (!surveyedIn && (standing.registeredOn ?? '9999') <= survey.deadline)
      out.surveyUpdatesMissing.push({ householdId, divisionCode, deadline: survey.deadline, lastSurveyOn: standing.lastSurveyOn });
  }
};

/** Adds to `out` the open labour concerns of households whose village at `d` is known here; those of others are not in scope. */
const addConcerns = (out: Lists, concerns: readonly ConcernFact[], villageOf: ReadonlyMap<string, string>, d: string): void => {
  for (const c of concerns) {
    const divisionCode = villageOf.get(c.householdId);
    if (divisionCode === undefined) continue;
    out.openLaborConcerns.push({ householdId: c.householdId, divisionCode, visitId: c.visitId, raisedOn: c.raisedOn, indicators: c.indicators, daysOpen: daysBetween(c.raisedOn, d) });
  }
};

/** Leaves in each list only the households whose village now lies under `under` (docs/decisions/0181). */
const keepRegisteredNow = (out: Lists, facts: BacklogFacts, tree: DivisionTree, under: string): void => {
  const now = new Set(facts.householdsIn(subtreeCodes(tree, under), AFTER_EVERY_DATE).filter((h) => tree.contains(under, h.village)).map((h) => h.householdId));
  const kept = <T extends { householdId: string }>(list: T[]): T[] => list.filter((e) => now.has(e.householdId));
  out.referralsOwed = kept(out.referralsOwed);
  out.followUpsOverdue = kept(out.followUpsOverdue);
  out.surveyUpdatesMissing = kept(out.surveyUpdatesMissing);
  out.clearancePending = kept(out.clearancePending);
  out.openLaborConcerns = kept(out.openLaborConcerns);
};

/**
 * The service backlog of domain.md §5, from the projections' facts as of the end of `asOf`.
 * It reads only the households whose village at `asOf` is in the division (a household
 * transferred counts where it was that day, decision 15), `chunkSize` of them at a time.
 */
export const backlogReport = (facts: BacklogFacts, tree: DivisionTree, policy: Policy, q: BacklogQuery, options: BacklogOptions = {}): ServiceBacklog => {
  const division = divisionNamed(tree, q.division);
  const d = q.asOf;
  const chunkSize = options.chunkSize ?? DEFAULT_BACKLOG_CHUNK;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, not ${chunkSize}`);
  const survey = surveyWindowAt(d, policy);
  const out: Lists = { referralsOwed: [], followUpsOverdue: [], surveyUpdatesMissing: [], clearancePending: [], openLaborConcerns: [] };
  if (division.code === tree.root.code) {
    // Every household is in scope: the timelines read in key order, no list of the tree's households first. The concerns
    // are few (a household's village is kept only for those that have one).
    const concerns = facts.openConcerns(d);
    const concerned = new Set(concerns.map((c) => c.householdId));
    const villageOf = new Map<string, string>();
    facts.everyHousehold(d, chunkSize, (page) => {
      for (const h of page) {
        addHousehold(out, h, d, policy, survey);
        if (concerned.has(h.householdId)) villageOf.set(h.householdId, h.village);
      }
    });
    addConcerns(out, concerns, villageOf, d);
  } else {
    const inScope = facts.householdsIn(subtreeCodes(tree, division.code), d).filter((h) => tree.contains(division.code, h.village));
    for (let i = 0; i < inScope.length; i += chunkSize) {
      const households = inScope.slice(i, i + chunkSize);
      const villages = new Map(households.map((h) => [h.householdId, h.village]));
      for (const h of facts.placed(villages, d)) addHousehold(out, h, d, policy, survey);
      addConcerns(out, facts.openConcerns(d, [...villages.keys()]), villages, d);
    }
  }

  if (q.registeredNowUnder !== undefined && q.registeredNowUnder !== tree.root.code) keepRegisteredNow(out, facts, tree, q.registeredNowUnder);

  out.referralsOwed.sort((a, b) => byHousehold(a, b) || (a.memberId < b.memberId ? -1 : 1));
  out.followUpsOverdue.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : byHousehold(a, b)));
  out.surveyUpdatesMissing.sort(byHousehold);
  out.clearancePending.sort(byHousehold);
  out.openLaborConcerns.sort((a, b) =>
    a.raisedOn < b.raisedOn ? -1 : a.raisedOn > b.raisedOn ? 1 : byHousehold(a, b) || (a.visitId < b.visitId ? -1 : a.visitId > b.visitId ? 1 : 0),
  );
  return { division: division.code, asOf: d, ...out };
};
