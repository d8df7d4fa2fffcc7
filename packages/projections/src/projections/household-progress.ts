import type { ProjectedEvent } from '../projected-event';
import { fieldNamed, incomeField, progressFieldsOf } from '../reports/progress-fields';
import { ACTIVITY_EVENTS, activityOf } from './activity';
import type { FactSource } from './event-facts-projection';
import { STATUS_EVENTS } from '@hearth/domain';
import { emptyTimeline, HouseholdTimeline, timelineAfter } from './household-timeline';
import { BACKLOG_EVENTS, backlogEntriesOf, BacklogEntry } from './backlog-activity';
import { MEMBER_FACT_EVENTS, memberEntriesOf, MemberEntry } from './member-facts';
import { monthIndex } from './village-series';

/** [position, month index, field]: one progress field an activity row adds 1 to (`income.<cents>` for an income, `member.surveyed|referred.<id>` for distinct members). */
export type ActivityEntry = [number, number, string];

/**
 * What the progress counters and the service backlog need to know of one household: its
 * villages and statuses (the division counters' timeline), the member facts that decide
 * eligibility, the progress fields its activity adds to and the dated activity the
 * backlog reads (docs/decisions/0110), each with the log position of the event it came
 * from (so that a correction replaces what the corrected event contributed).
 */
export interface HouseholdProgress {
  readonly t: HouseholdTimeline;
  readonly members: MemberEntry[];
  readonly activity: ActivityEntry[];
  readonly backlog: BacklogEntry[];
}

export const emptyProgress = (): HouseholdProgress => ({ t: emptyTimeline(), members: [], activity: [], backlog: [] });

const TIMELINE_EVENTS = new Set<string>([...STATUS_EVENTS, 'HouseholdTransferred', 'EventCorrected']);

/** Event types whose events (or corrections of them) yield member facts, activity, backlog activity: no other event has entries at its position. */
const MEMBER_EVENTS = new Set<string>(MEMBER_FACT_EVENTS);
const ACTIVITY_EVENT_TYPES = new Set<string>(ACTIVITY_EVENTS);
const BACKLOG_EVENT_TYPES = new Set<string>(BACKLOG_EVENTS);

const NO_ACTIVITY: readonly ActivityEntry[] = [];

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
  /** The household's latest member, activity and backlog arrays when the page made them (then they may grow in place). */
  members: MemberEntry[] | undefined;
  activity: ActivityEntry[] | undefined;
  backlog: BacklogEntry[] | undefined;
}

export const untouched = (): PageTouch => ({ months: new Set(), villages: false, eligible: false, members: undefined, activity: undefined, backlog: undefined });

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
 * The household's progress data after event `e` (its member facts, member-facts.ts; its
 * activity, activity.ts; its backlog activity, backlog-activity.ts), `p` itself when the
 * event changes none of it; what changed is added to `touch` (one a household and page,
 * starting `untouched()`). Applying the same
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
  if (source === undefined) return t === p.t ? p : { t, members: p.members, activity: p.activity, backlog: p.backlog };
  // An event of a type that yields no member facts (no activity) has none at its position, nor had any: nothing to look for.
  let members = p.members;
  if (MEMBER_EVENTS.has(source.event.type)) {
    const keptMembers = notFrom(p.members, source.position);
    const moreMembers = memberEntriesOf(source);
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
  let backlog = p.backlog;
  if (BACKLOG_EVENT_TYPES.has(source.event.type)) {
    const keptBacklog = notFrom(p.backlog, source.position);
    const moreBacklog = backlogEntriesOf(source);
    backlog = withMore(keptBacklog, moreBacklog, keptBacklog !== p.backlog || keptBacklog === touch.backlog);
    if (keptBacklog !== p.backlog || moreBacklog.length > 0) touch.backlog = backlog;
  }
  if (t === p.t && members === p.members && activity === p.activity && backlog === p.backlog) return p;
  return { t, members, activity, backlog };
};
