import type { EventType } from '@hearth/domain';
import type { FactSource } from './event-facts-projection';

/**
 * The activity the service backlog reads, kept in the household's progress record
 * (household-progress.ts, docs/decisions/0110), one entry an event: surveys (one a
 * survey, not one a member: the backlog asks only when a household was last surveyed),
 * referrals made (by member: referrals owed), employments started and ended (active
 * employments) and follow-up visits (the last visit). The progress counters count
 * activity by month from the events themselves (activity.ts); the backlog needs these
 * few with their exact dates.
 */
export type BacklogActivityKind = 'household-surveyed' | 'referral-made' | 'employment-started' | 'employment-ended' | 'follow-up';

/** [position, occurredOn, kind, memberId, refId (the referral, employment or visit id)] */
export type BacklogEntry = [number, string, BacklogActivityKind, string | null, string | null];

/** The event types that yield backlog activity. */
export const BACKLOG_EVENTS: readonly EventType[] = ['HouseholdSurveyed', 'MemberReferred', 'MemberEmployed', 'EmploymentEnded', 'FollowUpVisited'];

/**
 * Whether an entry dates a household's standing (a follow-up visit or a survey) rather than
 * its members' referrals and employments: the backlog timeline keeps the first kind for
 * every household (backlog-timeline.ts); only the backlog of a household owed referrals reads the
 * second, from its progress record (reports/backlog-facts.ts).
 */
export const isStandingEntry = (entry: BacklogEntry): boolean => entry[2] === 'follow-up' || entry[2] === 'household-surveyed';

const NONE: readonly BacklogEntry[] = [];

/** The backlog activity of one event (none for an event of another type). */
export const backlogEntriesOf = (s: FactSource): readonly BacklogEntry[] => {
  const e = s.event;
  const at = s.position;
  const on = s.occurredOn;
  switch (e.type) {
    case 'HouseholdSurveyed': return [[at, on, 'household-surveyed', null, null]];
    case 'MemberReferred': return [[at, on, 'referral-made', e.data.memberId, e.data.referralId]];
    case 'MemberEmployed': return [[at, on, 'employment-started', e.data.memberId, e.data.employmentId]];
    case 'EmploymentEnded': return [[at, on, 'employment-ended', e.data.memberId, e.data.employmentId]];
    case 'FollowUpVisited': return [[at, on, 'follow-up', null, e.data.visitId]];
    default: return NONE;
  }
};
