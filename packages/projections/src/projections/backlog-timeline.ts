import { BacklogEntry, isStandingEntry } from './backlog-activity';
import type { HouseholdProgress } from './household-progress';
import type { HouseholdTimeline } from './household-timeline';
import { decodeProgressHead, encodeProgress } from './progress-record-codec';

/**
 * What the service backlog reads of a household that is not identified on the asked date
 * (`agg_household_backlog`, docs/decisions/0113): from its progress record, its villages
 * and status changes, and its follow-up visits and surveys (position and date only), each
 * dated as in the record. Its village and standing at any date are the record's at that
 * date (`villageAt`, `backlogStandingAt`); only the members of a household owed referrals and its
 * referrals and employments need the record itself.
 */
export interface BacklogTimeline {
  readonly t: Pick<HouseholdTimeline, 'villages' | 'statuses'>;
  /** Follow-up visits and surveys, as `[position, occurredOn, kind, null, null]`, in the record's order. */
  readonly backlog: readonly BacklogEntry[];
}

/** The backlog timeline of a household's progress record. */
export const backlogTimelineOf = (p: Pick<HouseholdProgress, 't' | 'backlog'>): BacklogTimeline => ({
  t: { villages: p.t.villages, statuses: p.t.statuses },
  backlog: p.backlog.filter(isStandingEntry).map((b): BacklogEntry => [b[0], b[1], b[2], null, null]),
});

/**
 * A timeline packed as a progress record with no concerns, members or activity
 * (progress-record-codec.ts): one packing for both, ~150 bytes a household.
 */
export const encodeBacklogTimeline = (timeline: BacklogTimeline): Buffer =>
  encodeProgress({ t: { villages: timeline.t.villages, statuses: timeline.t.statuses, concerns: {} }, members: [], activity: [], backlog: [...timeline.backlog] });

/** The timeline `encodeBacklogTimeline` packed; throws on bytes it did not write. */
export const decodeBacklogTimeline = (bytes: Uint8Array): BacklogTimeline => {
  const { t, backlog } = decodeProgressHead(bytes);
  return { t: { villages: t.villages, statuses: t.statuses }, backlog };
};
