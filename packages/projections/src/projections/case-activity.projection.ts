import { eventFactsProjection, FactSource } from './event-facts-projection';

/**
 * The activity the service backlog reads, one row an event: surveys (one row a survey,
 * not one a member: the backlog asks only when a household was last surveyed), referrals
 * made (by member: referrals owed), employments started and ended (active employments)
 * and follow-up visits (the last visit). The progress counters count the rest of a
 * household's activity from the events themselves (activity.ts), so no read needs
 * training, answered-referral or income rows here (docs/decisions/0077).
 */
export type BacklogActivityKind = 'household-surveyed' | 'referral-made' | 'employment-started' | 'employment-ended' | 'follow-up';

export interface BacklogActivityRow extends Record<string, string | number | null> {
  occurred_on: string;
  kind: BacklogActivityKind;
  member_id: string | null;
  /** The referral, employment or visit id. */
  ref_id: string | null;
}

const row = (s: FactSource, kind: BacklogActivityKind, memberId: string | null, refId: string | null): BacklogActivityRow[] => [
  { occurred_on: s.occurredOn, kind, member_id: memberId, ref_id: refId },
];

export const backlogActivityOf = (s: FactSource): BacklogActivityRow[] => {
  const e = s.event;
  switch (e.type) {
    case 'HouseholdSurveyed': return row(s, 'household-surveyed', null, null);
    case 'MemberReferred': return row(s, 'referral-made', e.data.memberId, e.data.referralId);
    case 'MemberEmployed': return row(s, 'employment-started', e.data.memberId, e.data.employmentId);
    case 'EmploymentEnded': return row(s, 'employment-ended', e.data.memberId, e.data.employmentId);
    case 'FollowUpVisited': return row(s, 'follow-up', null, e.data.visitId);
    default: return [];
  }
};

export const CaseActivityProjection = eventFactsProjection<BacklogActivityRow>({
  name: 'case-activity',
  // 3: only the backlog's activity, one row a survey, no secondary index (docs/decisions/0077).
  version: 3,
  handles: ['HouseholdSurveyed', 'MemberReferred', 'MemberEmployed', 'EmploymentEnded', 'FollowUpVisited'],
  table: 'proj_case_activity',
  columns: {
    occurred_on: 'TEXT NOT NULL',
    kind: 'TEXT NOT NULL',
    member_id: 'TEXT',
    ref_id: 'TEXT',
  },
  // The backlog reads by household (the key's first column); no query reads by kind or date across households.
  rowsOf: backlogActivityOf,
});
