import { addDays, daysBetween, DivisionTree, isEligible, Policy } from '@hearth/domain';
import type { BacklogChunk, BacklogFacts, PlacedHousehold } from './backlog-facts';
import { divisionNamed } from './division-scope';
import { inProgramme } from './in-programme';
import type { ServiceBacklog } from './read-models';
import { lastPassedDeadline } from './survey-deadline';

export interface BacklogQuery {
  readonly division?: string;
  /** Default: today is not a business date the library can know; the caller passes it. */
  readonly asOf: string;
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
 * Households a chunk by default: ~60 fact rows a household (20,000-household store), so a
 * few MB a chunk; four queries a chunk cost nothing beside their rows. Measured at the root
 * of that store: 32–256 a chunk cost the same CPU and ~145 MiB peak, 1,024 ~15% more CPU
 * and 240 MiB, 4,096 ~35% more and 380 MiB (more garbage held at once; docs/performance.md).
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

/** Adds to `out` what the households of one chunk owe at the end of `d` (their facts in `chunk`). */
const addChunk = (out: Lists, households: readonly PlacedHousehold[], chunk: BacklogChunk, d: string, policy: Policy, deadline: ReturnType<typeof lastPassedDeadline>): void => {
  /** The survey-update window: from the first day of the deadline's year to the deadline, both inclusive. */
  const surveyFrom = deadline ? `${deadline.year}-01-01` : '';
  const employments = new Map<string, Map<string, { memberId: string; active: boolean }>>();
  /** household\0member → business dates of the member's referrals. */
  const referrals = new Map<string, string[]>();
  for (const a of chunk.activity) {
    if (a.kind === 'employment-started') {
      const mine = employments.get(a.householdId) ?? new Map<string, { memberId: string; active: boolean }>();
      mine.set(a.refId as string, { memberId: a.memberId as string, active: true });
      employments.set(a.householdId, mine);
    } else if (a.kind === 'employment-ended') {
      const e = employments.get(a.householdId)?.get(a.refId as string);
      if (e) e.active = false;
    } else if (a.kind === 'referral-made') append(referrals, `${a.householdId}\u0000${a.memberId}`, a.occurredOn);
  }

  for (const { householdId, village: divisionCode } of households) {
    const standing = chunk.standings.get(householdId);
    const s = standing?.status ?? null;
    if (standing === undefined || s === null) continue;
    const household = chunk.members.get(householdId) ?? new Map();
    const active = [...(employments.get(householdId) ?? new Map<string, { memberId: string; active: boolean }>())].filter(([, e]) => e.active);
    if (s === 'identified') {
      const since = standing.identifiedOn as string;
      for (const m of household.values()) {
        if (!isEligible(m, d, policy) || active.some(([, e]) => e.memberId === m.memberId)) continue;
        const made = (referrals.get(`${householdId}\u0000${m.memberId}`) ?? []).filter((on) => on >= since).length;
        if (made < policy.minReferrals)
          out.referralsOwed.push({ householdId, divisionCode, memberId: m.memberId, identifiedOn: since, referrals: made, owed: policy.minReferrals - made });
      }
      const pending = active.filter(([, e]) => household.get(e.memberId)?.removed === false).map(([id]) => id);
      if (pending.length > 0) out.clearancePending.push({ householdId, divisionCode, activeEmploymentIds: pending });
    }
    if (s === 'cleared') {
      const cleared = standing.clearedOn as string;
      const visit = standing.lastVisitOn;
      const lastVisitOn = visit !== null && visit >= cleared ? visit : null;
      const dueOn = addDays(lastVisitOn ?? cleared, policy.followUpEveryDays);
      if (dueOn < d) out.followUpsOverdue.push({ householdId, divisionCode, clearedOn: cleared, lastVisitOn, dueOn });
    }
    if (deadline && inProgramme(s)) {
      const surveyedIn = standing.surveyedOn.some((on) => on >= surveyFrom && on <= deadline.deadline);
      if (!surveyedIn && (standing.registeredOn ?? '9999') <= deadline.deadline)
        out.surveyUpdatesMissing.push({ householdId, divisionCode, deadline: deadline.deadline, lastSurveyOn: standing.lastSurveyOn });
    }
  }
  const villageOf = new Map(households.map((h) => [h.householdId, h.village]));
  for (const c of chunk.openConcerns)
    out.openLaborConcerns.push({
      householdId: c.householdId,
      divisionCode: villageOf.get(c.householdId) as string,
      visitId: c.visitId,
      raisedOn: c.raisedOn,
      indicators: c.indicators,
      daysOpen: daysBetween(c.raisedOn, d),
    });
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
  // At the root every household is a candidate: no need to list the whole tree to the query.
  const candidates = facts.householdsIn(division.code === tree.root.code ? undefined : subtreeCodes(tree, division.code), d);
  const inScope = candidates.filter((h) => tree.contains(division.code, h.village));

  const deadline = lastPassedDeadline(d, policy);
  const out: Lists = { referralsOwed: [], followUpsOverdue: [], surveyUpdatesMissing: [], clearancePending: [], openLaborConcerns: [] };
  for (let i = 0; i < inScope.length; i += chunkSize) {
    const households = inScope.slice(i, i + chunkSize);
    addChunk(out, households, facts.chunk(households.map((h) => h.householdId), d), d, policy, deadline);
  }

  out.referralsOwed.sort((a, b) => byHousehold(a, b) || (a.memberId < b.memberId ? -1 : 1));
  out.followUpsOverdue.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : byHousehold(a, b)));
  out.surveyUpdatesMissing.sort(byHousehold);
  out.clearancePending.sort(byHousehold);
  out.openLaborConcerns.sort((a, b) =>
    a.raisedOn < b.raisedOn ? -1 : a.raisedOn > b.raisedOn ? 1 : byHousehold(a, b) || (a.visitId < b.visitId ? -1 : a.visitId > b.visitId ? 1 : 0),
  );
  return { division: division.code, asOf: d, ...out };
};
