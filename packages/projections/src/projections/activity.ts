import type { EventType } from '@hearth/domain';
import type { FactSource } from './event-facts-projection';

/**
 * The programme's work with a household, one entry per countable fact: surveys (one
 * per member surveyed), training offers and answers, referrals, employments, income
 * records and follow-up visits. The progress counters count these
 * (household-progress.ts); the backlog reads a few of them with their exact dates, kept
 * apart in the same record (backlog-activity.ts, docs/decisions/0110).
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

/** One row; every row has the same fields in the same order (one object shape: no spread of a partial row). */
const row = (
  s: FactSource, kind: ActivityKind, memberId: string | null, refId: string | null, detail: string | null, detail2: string | null = null,
  month: string | null = null, amountCents: number | null = null,
): ActivityRow => ({ occurred_on: s.occurredOn, kind, member_id: memberId, ref_id: refId, detail, detail2, month, amount_cents: amountCents });

/** Money has at most two decimals: held as integer cents so sums and medians stay exact. */
export const toCents = (amount: number): number => Math.round(amount * 100);

export const activityOf = (s: FactSource): ActivityRow[] => {
  const e = s.event;
  switch (e.type) {
    case 'HouseholdSurveyed': {
      const out: ActivityRow[] = [];
      for (const m of e.data.members) out.push(row(s, 'member-surveyed', m.memberId, null, null));
      return out;
    }
    case 'TrainingOffered':
      return [row(s, 'training-offered', e.data.memberId, e.data.trainingId, e.data.kind)];
    case 'TrainingAccepted':
      return [row(s, 'training-accepted', e.data.memberId, e.data.trainingId, e.data.kind)];
    case 'TrainingDeclined':
      return [row(s, 'training-declined', e.data.memberId, e.data.trainingId, e.data.kind)];
    case 'MemberTrained':
      return [row(s, 'training-completed', e.data.memberId, e.data.trainingId, e.data.kind)];
    case 'MemberReferred':
      return [row(s, 'referral-made', e.data.memberId, e.data.referralId, null)];
    case 'ReferralAccepted':
      return [row(s, 'referral-accepted', e.data.memberId, e.data.referralId, null)];
    case 'ReferralDeclined':
      return [row(s, 'referral-declined', e.data.memberId, e.data.referralId, null)];
    case 'MemberEmployed':
      return [row(s, 'employment-started', e.data.memberId, e.data.employmentId, e.data.form, e.data.place)];
    case 'EmploymentEnded':
      return [row(s, 'employment-ended', e.data.memberId, e.data.employmentId, e.data.reason)];
    case 'IncomeRecorded':
      return [row(s, 'income', e.data.memberId, e.data.employmentId, null, null, e.data.month, toCents(e.data.amount))];
    case 'FollowUpVisited':
      return [row(s, 'follow-up', null, e.data.visitId, null)];
    default:
      return [];
  }
};

/** The event types that yield activity. */
export const ACTIVITY_EVENTS: readonly EventType[] = [
  'HouseholdSurveyed', 'TrainingOffered', 'TrainingAccepted', 'TrainingDeclined', 'MemberTrained', 'MemberReferred',
  'ReferralAccepted', 'ReferralDeclined', 'MemberEmployed', 'EmploymentEnded', 'IncomeRecorded', 'FollowUpVisited',
];
