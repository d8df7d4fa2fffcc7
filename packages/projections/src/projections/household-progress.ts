import { isEligible, referencePolicy, Status } from '@hearth/domain';
import type { ProjectedEvent } from '../projected-event';
import { inProgramme } from '../reports/in-programme';
import { MemberFolding, memberFolding, takeMemberFact } from '../reports/member-states';
import { fieldNamed, incomeField, progressFieldsOf } from '../reports/progress-fields';
import { ACTIVITY_EVENTS, activityOf } from './activity';
import type { FactSource } from './event-facts-projection';
import { STATUS_EVENTS } from './household-status.projection';
import { emptyTimeline, HouseholdTimeline, laterInLog, registrationVillage, timelineAfter, villageAt } from './household-timeline';
import { memberFactsOf, MemberEligibilityProjection } from './member-eligibility.projection';
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

/** Event types whose events (or corrections of them) yield member facts, and activity: no other event has entries at its position. */
const MEMBER_EVENTS = new Set<string>(MemberEligibilityProjection.handles);
const ACTIVITY_EVENT_TYPES = new Set<string>(ACTIVITY_EVENTS);

const NO_MEMBERS: readonly MemberEntry[] = [];
const NO_ACTIVITY: readonly ActivityEntry[] = [];

const membersOf = (s: FactSource): readonly MemberEntry[] => {
  const rows = memberFactsOf(s);
  if (rows.length === 0) return NO_MEMBERS;
  const out: MemberEntry[] = [];
  for (const r of rows) out.push([s.position, r.occurred_on, r.member_id, r.birth_year, r.capacity, r.willing, r.removed]);
  return out;
};

/**
 * The entries not from the event at `position`: the same array when there is none, else
 * a new one (entries are never removed in place); the months of activity entries left
 * out go to `taken`.
 */
const notFrom = <E extends readonly [number, ...unknown[]]>(entries: E[], position: number, taken?: Set<number>): E[] => {
  let k = 0;
  while (k < entries.length && (entries[k] as E)[0] !== position) k++;
  if (k === entries.length) return entries;
  const out = entries.slice(0, k);
  for (; k < entries.length; k++) {
    const x = entries[k] as E;
    if (x[0] !== position) out.push(x);
    else taken?.add(x[1] as number);
  }
  return out;
};

/**
 * `entries` followed by `more`: the same array when there are none, `entries` grown in
 * place when `mine` (an array the page made, which nothing but the page's latest record
 * holds), else a copy (a copy an event made folding a household's page quadratic in its
 * events). A record as stored, the one the page's difference is taken from, is never
 * changed.
 */
const withMore = <E>(entries: E[], more: readonly E[], mine: boolean): E[] => {
  if (more.length === 0) return entries;
  if (mine) {
    for (const m of more) entries.push(m);
    return entries;
  }
  const out = entries.slice();
  for (const m of more) out.push(m);
  return out;
};

const activityEntriesOf = (s: FactSource): readonly ActivityEntry[] => {
  const rows = activityOf(s);
  if (rows.length === 0) return NO_ACTIVITY;
  const out: ActivityEntry[] = [];
  // Every row but an income's is dated by its event.
  const on = monthIndex(s.occurredOn);
  for (const a of rows) {
    if (a.kind === 'income') {
      // monthIndex reads a `YYYY-MM` month as it reads the first day of it.
      out.push([s.position, monthIndex(a.month as string), incomeField(a.amount_cents as number)]);
      continue;
    }
    const m = a.occurred_on === s.occurredOn ? on : monthIndex(a.occurred_on);
    for (const f of progressFieldsOf(a)) out.push([s.position, m, f]);
    if (a.kind === 'member-surveyed') out.push([s.position, m, fieldNamed('member.surveyed', a.member_id as string)]);
    else if (a.kind === 'referral-made') out.push([s.position, m, fieldNamed('member.referred', a.member_id as string)]);
  }
  return out;
};

/**
 * What a household's events of a page changed, gathered by `progressAfter`, so that the
 * page's flush recounts only that: the flows of the months whose activity changed (of
 * every month once its villages changed: a month's activity counts in its village), and
 * the eligible members once its villages, statuses or member facts changed.
 */
export interface PageTouch {
  readonly months: Set<number>;
  villages: boolean;
  eligible: boolean;
  /** The household's latest member and activity arrays when the page made them (then they may grow in place). */
  members: MemberEntry[] | undefined;
  activity: ActivityEntry[] | undefined;
}

export const untouched = (): PageTouch => ({ months: new Set(), villages: false, eligible: false, members: undefined, activity: undefined });

const sameVillages = (a: HouseholdTimeline['villages'], b: HouseholdTimeline['villages']): boolean => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k] as [number, string, string];
    const y = b[k] as [number, string, string];
    if (x[0] !== y[0] || x[1] !== y[1] || x[2] !== y[2]) return false;
  }
  return true;
};

/**
 * The household's progress data after event `e` (the rows of the member-facts
 * projection and the event's activity, activity.ts, from the same functions, so there is
 * one home for each rule), `p` itself when the event changes none of it; what changed is
 * added to `touch` (one a household and page, starting `untouched()`). Applying the same
 * event twice changes nothing. Changes nothing but `touch` and the arrays it names: `p`'s
 * own arrays when the page made them, the ones a record as stored holds never.
 */
export const progressAfter = (p: HouseholdProgress, e: ProjectedEvent, touch: PageTouch): HouseholdProgress => {
  const t = TIMELINE_EVENTS.has(e.event.type) ? (timelineAfter(p.t, e) ?? p.t) : p.t;
  if (t !== p.t) {
    touch.eligible = true;
    if (!sameVillages(t.villages, p.t.villages)) touch.villages = true;
  }
  const source: FactSource | undefined =
    e.event.type !== 'EventCorrected' ? e
      : e.corrected && { householdId: e.householdId, position: e.corrected.position, occurredOn: e.corrected.occurredOn, event: e.corrected.event };
  if (source === undefined) return t === p.t ? p : { t, members: p.members, activity: p.activity };
  // An event of a type that yields no member facts (no activity) has none at its position, nor had any: nothing to look for.
  let members = p.members;
  if (MEMBER_EVENTS.has(source.event.type)) {
    const keptMembers = notFrom(p.members, source.position);
    const moreMembers = membersOf(source);
    members = withMore(keptMembers, moreMembers, keptMembers !== p.members || keptMembers === touch.members);
    if (keptMembers !== p.members || moreMembers.length > 0) {
      touch.eligible = true;
      touch.members = members;
    }
  }
  let activity = p.activity;
  if (ACTIVITY_EVENT_TYPES.has(source.event.type)) {
    const moreActivity = activityEntriesOf(source);
    // An event's entries are mostly of one month: the set is asked once a run of them.
    let month = NaN;
    for (const a of moreActivity) if (a[1] !== month) touch.months.add((month = a[1]));
    const keptActivity = notFrom(p.activity, source.position, touch.months);
    activity = withMore(keptActivity, moreActivity, keptActivity !== p.activity || keptActivity === touch.activity);
    if (keptActivity !== p.activity || moreActivity.length > 0) touch.activity = activity;
  }
  if (t === p.t && members === p.members && activity === p.activity) return p;
  return { t, members, activity };
};

/** Where a household's flows go: the deltas of the monthly progress row (month index, village), field → amount, added to in place. */
export interface FlowRows {
  row(month: number, village: string): Map<string, number>;
}

/**
 * Pure but for `to`'s rows: what the household's activity adds to the monthly progress
 * rows, added to each row's deltas field by field, each time `n` (1 for the household's
 * contribution, −1 to take it back), for the months in `only` (all months when absent).
 * A month's activity counts in the village the household is in at the month's end
 * (decision 15); distinct members count once a month; each income record adds one to
 * `income.<cents>`. A month's row is asked for once, and a run of entries of one month
 * (they are mostly together, in log order) looks up neither the month nor `only` again.
 */
export const flowsOf = (p: HouseholdProgress, n: number, to: FlowRows, only?: ReadonlySet<number>): void => {
  if (p.t.villages.length === 0) return;
  /** Per month: its row's deltas, and the member fields already counted in it. */
  const months = new Map<number, { deltas: Map<string, number>; members: Set<string> | undefined }>();
  let heldMonth = -1;
  let skippedMonth = -1;
  let held: { deltas: Map<string, number>; members: Set<string> | undefined } | undefined;
  const activity = p.activity;
  for (let k = 0; k < activity.length; k++) {
    const entry = activity[k] as ActivityEntry;
    const month = entry[1];
    const field = entry[2];
    if (month !== heldMonth) {
      if (month === skippedMonth) continue;
      if (only && !only.has(month)) {
        skippedMonth = month;
        continue;
      }
      heldMonth = month;
      held = months.get(month);
      if (held === undefined) months.set(month, (held = { deltas: to.row(month, villageAt(p.t, endOfMonthIndex(month)) as string), members: undefined }));
    }
    const row = held as { deltas: Map<string, number>; members: Set<string> | undefined };
    let counted = field;
    // The first character first: `startsWith` costs more than the sum it guards, and only members' fields begin with `m`.
    if (field.charCodeAt(0) === 109 && field.startsWith('member.')) {
      const members = (row.members ??= new Set());
      if (members.has(field)) continue;
      members.add(field);
      counted = field.charCodeAt(7) === 115 && field.startsWith('member.surveyed.') ? 'membersSurveyed' : 'membersReferred';
    }
    row.deltas.set(counted, (row.deltas.get(counted) ?? 0) + n);
  }
};

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

/** Takes `n` more (fewer) eligible members in (village, month index): one household's part of a village's eligible-members series. */
export type EligibleSink = (village: string, month: number, n: number) => void;

/** The months `eligibleOf` sweeps, for one household at a time (it calls nothing that calls it back). */
let monthsBuffer = new Float64Array(256);

/**
 * Pure: what the household adds to the eligible-members stock, handed to `to` as deltas
 * by (village, month index), each times `sign`: members eligible (reference working age)
 * at a month's end, in a household in the programme then, counted in its village then.
 * The count can only change in a month with one of the household's events or in a
 * January when a member enters or leaves working age.
 *
 * One sweep over those months in order: the village, the status and every member's state
 * at a month's end are those of the entries dated on or before it, chosen by the same
 * rules as everywhere else — the latest entry in log order (household-timeline.ts
 * `laterInLog`, as `villageAt` and `statusAt`) and the member facts' fold
 * (reports/member-states.ts `takeMemberFact`, as `memberStates`) — so each month takes in
 * only the entries dated since the month before, instead of folding the household's facts
 * again (decision 85).
 */
export const eligibleOf = (p: HouseholdProgress, sign: 1 | -1, to: EligibleSink): void => {
  const { villages, statuses } = p.t;
  if (villages.length === 0) return;
  const facts = inDateOrder(p.members);
  const vs = inDateOrder(villages);
  const ss = inDateOrder(statuses);
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
  let status: [number, string, string, Status, Status] | undefined;
  const states = new Map<string, MemberFolding>();
  let vi = 0;
  let si = 0;
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
    for (; si < ss.length && (ss[si] as [number, string, string, Status, Status])[1] <= end; si++) {
      const s = ss[si] as [number, string, string, Status, Status];
      if (laterInLog(s, status)) status = s;
    }
    for (; fi < facts.length && (facts[fi] as MemberEntry)[1] <= end; fi++) {
      const [position, , memberId, birthYear, capacity, willing, removed] = facts[fi] as MemberEntry;
      let s = states.get(memberId);
      if (s === undefined) states.set(memberId, (s = memberFolding(memberId)));
      // Entries of one position keep their order (the sort is stable): the later one wins, as in the fold.
      takeMemberFact(s, position, birthYear, capacity, willing, removed);
    }
    const here = village !== undefined ? village[2] : first;
    let n = 0;
    if (inProgramme(status?.[4])) for (const s of states.values()) if (isEligible(s, end, referencePolicy)) n++;
    if (heldVillage !== undefined && heldVillage === here && heldN === n) continue;
    if (heldVillage !== undefined && heldN !== 0) to(heldVillage, m, -heldN * sign);
    if (n !== 0) to(here, m, n * sign);
    heldVillage = here;
    heldN = n;
  }
};
