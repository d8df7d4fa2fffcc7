import type { EventType } from '@hearth/domain';
import type { FactSource } from './event-facts-projection';

/**
 * The programme's work with a household, one entry per countable fact: surveys (one
 * per member surveyed), training offers and answers, referrals, employments, income
 * records and follow-up visits. The progress counters count these
 * (household-progress.ts); the `case-activity` table keeps only what the backlog reads
 * (case-activity.projection.ts, docs/decisions/0077).
 */
export type ActivityKind =
  | 'member-surveyed'
  | 'training-offered'
  | 'training-accepted'
  | 'training-declined'
  | 'training-completed'
  | 'referral-made'
  | 'referral-accepted'
  | 'referral-declined'
  | 'employment-started'
  | 'employment-ended'
  | 'income'
  | 'follow-up';

export interface ActivityRow extends Record<string, string | number | null> {
  occurred_on: string;
  kind: ActivityKind;
  member_id: string | null;
  /** The training, referral, employment or visit id. */
  ref_id: string | null;
  /** Training kind, employment form, end reason. */
  detail: string | null;
  /** Employment place. */
  detail2: string | null;
  /** Income: the month the income is for (its own field, not the recording date). */
  month: string | null;
  amount_cents: number | null;
}

const row = (s: FactSource, kind: ActivityKind, fields: Partial<ActivityRow>): ActivityRow => ({
  occurred_on: s.occurredOn,
  kind,
  member_id: null,
  ref_id: null,
  detail: null,
  detail2: null,
  month: null,
  amount_cents: null,
  ...fields,
});

/** Money has at most two decimals: held as integer cents so sums and medians stay exact. */
export const toCents = (amount: number): number => Math.round(amount * 100);

export const activityOf = (s: FactSource): ActivityRow[] => {
  const e = s.event;
  switch (e.type) {
    case 'HouseholdSurveyed':
      return e.data.members.map((m) => row(s, 'member-surveyed', { member_id: m.memberId }));
    case 'TrainingOffered':
      return [row(s, 'training-offered', { member_id: e.data.memberId, ref_id: e.data.trainingId, detail: e.data.kind })];
    case 'TrainingAccepted':
      return [row(s, 'training-accepted', { member_id: e.data.memberId, ref_id: e.data.trainingId, detail: e.data.kind })];
    case 'TrainingDeclined':
      return [row(s, 'training-declined', { member_id: e.data.memberId, ref_id: e.data.trainingId, detail: e.data.kind })];
    case 'MemberTrained':
      return [row(s, 'training-completed', { member_id: e.data.memberId, ref_id: e.data.trainingId, detail: e.data.kind })];
    case 'MemberReferred':
      return [row(s, 'referral-made', { member_id: e.data.memberId, ref_id: e.data.referralId })];
    case 'ReferralAccepted':
      return [row(s, 'referral-accepted', { member_id: e.data.memberId, ref_id: e.data.referralId })];
    case 'ReferralDeclined':
      return [row(s, 'referral-declined', { member_id: e.data.memberId, ref_id: e.data.referralId })];
    case 'MemberEmployed':
      return [
        row(s, 'employment-started', { member_id: e.data.memberId, ref_id: e.data.employmentId, detail: e.data.form, detail2: e.data.place }),
      ];
    case 'EmploymentEnded':
      return [row(s, 'employment-ended', { member_id: e.data.memberId, ref_id: e.data.employmentId, detail: e.data.reason })];
    case 'IncomeRecorded':
      return [
        row(s, 'income', { member_id: e.data.memberId, ref_id: e.data.employmentId, month: e.data.month, amount_cents: toCents(e.data.amount) }),
      ];
    case 'FollowUpVisited':
      return [row(s, 'follow-up', { ref_id: e.data.visitId })];
    default:
      return [];
  }
};

/** The event types that yield activity. */
export const ACTIVITY_EVENTS: readonly EventType[] = [
  'HouseholdSurveyed', 'TrainingOffered', 'TrainingAccepted', 'TrainingDeclined', 'MemberTrained', 'MemberReferred',
  'ReferralAccepted', 'ReferralDeclined', 'MemberEmployed', 'EmploymentEnded', 'IncomeRecorded', 'FollowUpVisited',
];
