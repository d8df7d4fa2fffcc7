import { isEligible, MemberState, referencePolicy } from '@hearth/domain';
import type { ProjectedEvent } from '../projected-event';
import { inProgramme } from '../reports/in-programme';
import { memberStates } from '../reports/member-states';
import type { MemberFact } from '../reports/read-model-facts';
import { progressFieldsOf } from '../reports/progress-fields';
import { activityOf } from './activity';
import type { FactSource } from './event-facts-projection';
import { STATUS_EVENTS } from './household-status.projection';
import { emptyTimeline, HouseholdTimeline, statusAt, timelineAfter, villageAt } from './household-timeline';
import { memberFactsOf } from './member-eligibility.projection';
import { endOfMonthIndex, monthIndex } from './village-series';

/** [position, occurredOn, memberId, birthYear, capacity, willing, removed]: a row of MemberEligibilityProjection. */
export type MemberEntry = [number, string, string, number | null, string | null, number | null, number];
/** [position, month index, field]: one progress field an activity row adds 1 to (`income.<cents>` for an income, `member.surveyed|referred.<id>` for distinct members). */
export type ActivityEntry = [number, number, string];

/**
 * What the progress counters need to know of one household: its villages and statuses
 * (the division counters' timeline), the member facts that decide eligibility, and the
 * progress fields its activity adds to, each with the log position of the event it came
 * from (so that a correction replaces what the corrected event contributed).
 */
export interface HouseholdProgress {
  readonly t: HouseholdTimeline;
  readonly members: MemberEntry[];
  readonly activity: ActivityEntry[];
}

export const emptyProgress = (): HouseholdProgress => ({ t: emptyTimeline(), members: [], activity: [] });

/**
 * The working age the eligible-members counter is kept for: the reference policy's.
 * The projection does not depend on the policy a process passes; a report asked under
 * another working age is computed from the facts (docs/decisions/0061).
 */
export const COUNTED_WORKING_AGE = referencePolicy.workingAge;
export const ELIGIBLE_KEY = `stock.eligible.${COUNTED_WORKING_AGE.min}-${COUNTED_WORKING_AGE.max}`;

const TIMELINE_EVENTS = new Set<string>([...STATUS_EVENTS, 'HouseholdTransferred', 'EventCorrected']);

const membersOf = (s: FactSource, rows: ReturnType<typeof memberFactsOf>): MemberEntry[] =>
  rows.map((r) => [s.position, r.occurred_on, r.member_id, r.birth_year, r.capacity, r.willing, r.removed]);

/** The entries not from the event at `position`: the same array when there is none (a new one otherwise: entries are never removed in place). */
const notFrom = <E extends readonly [number, ...unknown[]]>(entries: E[], position: number): E[] =>
  entries.some((x) => x[0] === position) ? entries.filter((x) => x[0] !== position) : entries;

/**
 * Arrays of entries made by `progressAfter` for the current page, which nothing but the
 * page's latest record holds: they may grow in place. A record as stored (the one the
 * page's difference is taken from) is never in it, so it is never changed.
 */
export type PageOwned = WeakSet<object>;

/**
 * `entries` followed by `more`: the same array when there are none, `entries` grown in
 * place when the page owns it, else a copy the page then owns (a copy an event made
 * folding a household's page quadratic in its events).
 */
const withMore = <E>(entries: E[], more: E[], owned: PageOwned): E[] => {
  if (more.length === 0) return entries;
  if (owned.has(entries)) {
    for (const m of more) entries.push(m);
    return entries;
  }
  const out = [...entries, ...more];
  owned.add(out);
  return out;
};

const activityEntriesOf = (s: FactSource): ActivityEntry[] => {
  const out: ActivityEntry[] = [];
  for (const a of activityOf(s)) {
    if (a.kind === 'income') {
      out.push([s.position, monthIndex(`${a.month as string}-01`), `income.${a.amount_cents as number}`]);
      continue;
    }
    const m = monthIndex(a.occurred_on);
    for (const f of progressFieldsOf(a)) out.push([s.position, m, f]);
    if (a.kind === 'member-surveyed') out.push([s.position, m, `member.surveyed.${a.member_id as string}`]);
    else if (a.kind === 'referral-made') out.push([s.position, m, `member.referred.${a.member_id as string}`]);
  }
  return out;
};

/**
 * The household's progress data after event `e` (the rows of the member-facts
 * projection and the event's activity, activity.ts, from the same functions, so there is
 * one home for each rule), and whether only its activity changed (then only the months it touched need
 * recounting). Applying the same event twice changes nothing. Changes nothing but the
 * arrays in `owned`: `p`'s own arrays when the page made them, the ones a record as
 * stored holds never.
 */
export const progressAfter = (p: HouseholdProgress, e: ProjectedEvent, owned: PageOwned): { after: HouseholdProgress; activityOnly: boolean } => {
  const t = TIMELINE_EVENTS.has(e.event.type) ? (timelineAfter(p.t, e) ?? p.t) : p.t;
  const source: FactSource | undefined =
    e.event.type !== 'EventCorrected' ? e
      : e.corrected && { householdId: e.householdId, position: e.corrected.position, occurredOn: e.corrected.occurredOn, event: e.corrected.event };
  if (source === undefined) return { after: p, activityOnly: true };
  const facts = memberFactsOf(source);
  const members = withMore(notFrom(p.members, source.position), membersOf(source, facts), owned);
  const activity = withMore(notFrom(p.activity, source.position), activityEntriesOf(source), owned);
  const activityOnly = t === p.t && facts.length === 0;
  return { after: { t, members, activity }, activityOnly };
};

/** A key of a contribution: village, month index and field. */
const keyOf = (village: string, month: number, field: string): string => `${village}\u0000${month}\u0000${field}`;

const add = (out: Map<string, number>, k: string, d: number): void => {
  const n = (out.get(k) ?? 0) + d;
  if (n === 0) out.delete(k);
  else out.set(k, n);
};

/** Takes `n` more (fewer, when negative) of `field` for (month index, village): one household's part of a monthly progress row. */
export type FlowSink = (month: number, village: string, field: string, n: number) => void;

/**
 * Pure: what the household's activity adds to the monthly progress rows, handed to `to`
 * field by field, each time `n` (1 for the household's contribution, −1 to take it back),
 * for the months in `only` (all months when absent). A month's activity counts in the
 * village the household is in at the month's end (decision 15); distinct members count
 * once a month; each income record adds one to `income.<cents>`.
 */
export const flowsOf = (p: HouseholdProgress, n: number, to: FlowSink, only?: ReadonlySet<number>): void => {
  if (p.t.villages.length === 0) return;
  /** Per month: its village, and the member fields already counted in it. */
  const months = new Map<number, { village: string; members: Set<string> }>();
  for (const [, month, field] of p.activity) {
    if (only && !only.has(month)) continue;
    let held = months.get(month);
    if (held === undefined) months.set(month, (held = { village: villageAt(p.t, endOfMonthIndex(month)) as string, members: new Set() }));
    if (field.startsWith('member.')) {
      if (held.members.has(field)) continue;
      held.members.add(field);
      to(month, held.village, field.startsWith('member.surveyed.') ? 'membersSurveyed' : 'membersReferred', n);
    } else to(month, held.village, field, n);
  }
};

/** The months an activity-only change touched: those of the entries of the event's position before and after. */
export const monthsTouched = (before: HouseholdProgress, after: HouseholdProgress, position: number): Set<number> => {
  const months = new Set<number>();
  for (const entries of [before.activity, after.activity]) for (const a of entries) if (a[0] === position) months.add(a[1]);
  return months;
};

/**
 * The household's members' states at the end of a month, for months in increasing order:
 * the member facts dated on or before the month's end, folded by member in log order. The
 * facts are sorted and made into fold input once, and the states folded again only when a
 * month takes in more of them (the facts on or before a date grow with the date, so their
 * number names them).
 */
const memberStatesByMonth = (p: HouseholdProgress): ((end: string) => readonly MemberState[]) => {
  const sorted = [...p.members].sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : a[0] - b[0]));
  const dates = sorted.map((m) => m[1]);
  const facts: MemberFact[] = sorted.map(([, , memberId, birthYear, capacity, willing, removed]) => ({ householdId: '', memberId, birthYear, capacity, willing, removed }));
  let folded = -1;
  let states: readonly MemberState[] = [];
  return (end) => {
    let count = 0;
    for (const d of dates) if (d <= end) count++;
    if (count !== folded) {
      states = [...(memberStates(count === facts.length ? facts : facts.filter((_, k) => (dates[k] as string) <= end)).get('')?.values() ?? [])];
      folded = count;
    }
    return states;
  };
};

/** The household's eligible members at `end`, the end of a month: 0 when it is not in the programme then. */
const eligibleAt = (p: HouseholdProgress, statesAt: (end: string) => readonly MemberState[], end: string): number => {
  if (!inProgramme(statusAt(p.t, end))) return 0;
  let n = 0;
  for (const m of statesAt(end)) if (isEligible(m, end, referencePolicy)) n++;
  return n;
};

/**
 * Pure: what the household adds to the eligible-members stock, as deltas by (village,
 * month index): members eligible (reference working age) at a month's end, in a
 * household in the programme then, counted in its village then. The count can only
 * change in a month with one of the household's events or in a January when a member
 * enters or leaves working age.
 */
export const eligibleOf = (p: HouseholdProgress): Map<string, number> => {
  const out = new Map<string, number>();
  if (p.t.villages.length === 0) return out;
  const months = new Set([...p.t.villages.map((v) => monthIndex(v[1])), ...p.t.statuses.map((s) => monthIndex(s[1])), ...p.members.map((m) => monthIndex(m[1]))]);
  for (const [, , , birthYear] of p.members)
    if (birthYear !== null) for (const age of [COUNTED_WORKING_AGE.min, COUNTED_WORKING_AGE.max + 1]) months.add((birthYear + age) * 12);
  let held: [string, number] | undefined;
  const statesAt = memberStatesByMonth(p);
  for (const m of [...months].sort((a, b) => a - b)) {
    const end = endOfMonthIndex(m);
    const village = villageAt(p.t, end) as string;
    const n = eligibleAt(p, statesAt, end);
    if (held !== undefined && held[0] === village && held[1] === n) continue;
    if (held !== undefined && held[1] !== 0) add(out, keyOf(held[0], m, ELIGIBLE_KEY), -held[1]);
    if (n !== 0) add(out, keyOf(village, m, ELIGIBLE_KEY), n);
    held = [village, n];
  }
  return out;
};
