import type { BacklogEntry } from './backlog-activity';
import type { HouseholdProgress } from './household-progress';
import type { HouseholdTimeline } from './household-timeline';
import type { MemberEntry } from './member-facts';
import { decodeProgressHead, encodeProgress } from './progress-record-codec';

/**
 * What the service backlog reads of a household (`agg_household_backlog`,
 * docs/decisions/0113 and 0114), taken from its progress record and dated as in it: its
 * villages and status changes, and its follow-up visits and surveys (position and date
 * only), which give its village and standing at any date (`villageAt`,
 * `backlogStandingAt`); and apart (`agg_household_identified`), what the backlog reads of
 * it only on a date it is identified: its members' entries and its referrals and employments.
 */
export interface BacklogTimeline extends StandingPart {
  readonly identified: IdentifiedPart;
}

/** The part of a timeline every household is read for. */
export interface StandingPart {
  readonly t: Pick<HouseholdTimeline, 'villages' | 'statuses'>;
  /** Follow-up visits and surveys, as `[position, occurredOn, kind, null, null]`, in the record's order. */
  readonly backlog: readonly BacklogEntry[];
}

/** The part read only of a household identified on the asked date. */
export interface IdentifiedPart {
  readonly members: readonly MemberEntry[];
  /** Its referrals and employments, in the record's order (a correction's entries come at the end). */
  readonly activity: readonly BacklogEntry[];
}

const isVisitOrSurvey = (b: BacklogEntry): boolean => b[2] === 'follow-up' || b[2] === 'household-surveyed';

/** The backlog timeline of a household's progress record. */
export const backlogTimelineOf = (p: Pick<HouseholdProgress, 't' | 'backlog' | 'members'>): BacklogTimeline => ({
  t: { villages: p.t.villages, statuses: p.t.statuses },
  backlog: p.backlog.filter(isVisitOrSurvey).map((b): BacklogEntry => [b[0], b[1], b[2], null, null]),
  identified: { members: p.members, activity: p.backlog.filter((b) => !isVisitOrSurvey(b)) },
});

/** A timeline's two parts packed, each for its own table: `agg_household_backlog` and `agg_household_identified`. */
export interface PackedTimeline {
  readonly standing: Buffer;
  readonly identified: Buffer;
}

/**
 * A timeline packed as two progress records (progress-record-codec.ts, one packing for
 * all three): the standing part (no concerns, members or activity) and the identified part
 * (only members and backlog entries). They are stored apart, so that the backlog's scan of
 * every household's standing reads ~150 bytes a household, and the identified part only of
 * the households identified on the asked date.
 */
export const encodeBacklogTimeline = (timeline: BacklogTimeline): PackedTimeline => ({
  standing: encodeProgress({ t: { villages: timeline.t.villages, statuses: timeline.t.statuses, concerns: {} }, members: [], activity: [], backlog: [...timeline.backlog] }),
  identified: encodeProgress({ t: { villages: [], statuses: [], concerns: {} }, members: [...timeline.identified.members], activity: [], backlog: [...timeline.identified.activity] }),
});

/** The standing part `encodeBacklogTimeline` packed. */
export const decodeBacklogStanding = (bytes: Uint8Array): StandingPart => {
  const { t, backlog } = decodeProgressHead(bytes);
  return { t: { villages: t.villages, statuses: t.statuses }, backlog };
};

/** The identified part `encodeBacklogTimeline` packed. */
export const decodeBacklogIdentified = (bytes: Uint8Array): IdentifiedPart => {
  const { members, backlog } = decodeProgressHead(bytes);
  return { members, activity: backlog };
};

/** The timeline `encodeBacklogTimeline` packed. */
export const decodeBacklogTimeline = (packed: PackedTimeline): BacklogTimeline => ({ ...decodeBacklogStanding(packed.standing), identified: decodeBacklogIdentified(packed.identified) });
