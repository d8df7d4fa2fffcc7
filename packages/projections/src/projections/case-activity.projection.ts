import { eventFactsProjection, FactSource } from './event-facts-projection';

/**
 * The programme's work with a household, one row per countable fact: surveys (one row
 * per member surveyed), training offers and answers, referrals, employments, income
 * records and follow-up visits. Monthly progress counts these rows; the backlog reads
 * referrals, employments, surveys and visits from them.
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

export const CaseActivityProjection = eventFactsProjection<ActivityRow>({
  name: 'case-activity',
  // 2: the index for incomes by month holds only the income rows (docs/decisions/0064).
  version: 2,
  handles: [
    'HouseholdSurveyed', 'TrainingOffered', 'TrainingAccepted', 'TrainingDeclined', 'MemberTrained', 'MemberReferred',
    'ReferralAccepted', 'ReferralDeclined', 'MemberEmployed', 'EmploymentEnded', 'IncomeRecorded', 'FollowUpVisited',
  ],
  table: 'proj_case_activity',
  columns: {
    occurred_on: 'TEXT NOT NULL',
    kind: 'TEXT NOT NULL',
    member_id: 'TEXT',
    ref_id: 'TEXT',
    detail: 'TEXT',
    detail2: 'TEXT',
    month: 'TEXT',
    amount_cents: 'INTEGER',
  },
  // Activity of some kinds in a date range (the progress table from the facts); incomes of a month, the only rows with a month.
  indexes: [{ on: 'kind, occurred_on' }, { on: 'month', where: "kind = 'income'" }],
  rowsOf: activityOf,
});
