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
 * `backlogStandingAt`); and apart, what the backlog reads of it only on a date it is
 * identified: its members' entries and its referrals and employments.
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

/** Bytes before the standing part: its length, so that a reader of it stops there. */
const HEADER = 4;

/**
 * A timeline packed as two progress records (progress-record-codec.ts), one packing for
 * all three: the standing part (no concerns, members or activity) and the identified part
 * (only members and backlog entries), after a four-byte length of the first. Most
 * households are not identified on a given date, and their second part is not unpacked.
 */
export const encodeBacklogTimeline = (timeline: BacklogTimeline): Buffer => {
  const standing = encodeProgress({ t: { villages: timeline.t.villages, statuses: timeline.t.statuses, concerns: {} }, members: [], activity: [], backlog: [...timeline.backlog] });
  const identified = encodeProgress({ t: { villages: [], statuses: [], concerns: {} }, members: [...timeline.identified.members], activity: [], backlog: [...timeline.identified.activity] });
  const out = Buffer.allocUnsafe(HEADER + standing.length + identified.length);
  out.writeUInt32LE(standing.length, 0);
  standing.copy(out, HEADER);
  identified.copy(out, HEADER + standing.length);
  return out;
};

const standingLength = (bytes: Uint8Array): number => {
  if (bytes.byteLength < HEADER) throw new Error('backlog timeline: too short');
  const n = (bytes[0] as number) | ((bytes[1] as number) << 8) | ((bytes[2] as number) << 16) | ((bytes[3] as number) * 2 ** 24);
  if (HEADER + n > bytes.byteLength) throw new Error('backlog timeline: its standing part runs past its end');
  return n;
};

/** The standing part of the timeline `encodeBacklogTimeline` packed. */
export const decodeBacklogStanding = (bytes: Uint8Array): StandingPart => {
  const { t, backlog } = decodeProgressHead(bytes.subarray(HEADER, HEADER + standingLength(bytes)));
  return { t: { villages: t.villages, statuses: t.statuses }, backlog };
};

/** The identified part of the timeline `encodeBacklogTimeline` packed. */
export const decodeBacklogIdentified = (bytes: Uint8Array): IdentifiedPart => {
  const { members, backlog } = decodeProgressHead(bytes.subarray(HEADER + standingLength(bytes)));
  return { members, activity: backlog };
};

/** The timeline `encodeBacklogTimeline` packed; throws on bytes it did not write. */
export const decodeBacklogTimeline = (bytes: Uint8Array): BacklogTimeline => ({ ...decodeBacklogStanding(bytes), identified: decodeBacklogIdentified(bytes) });
