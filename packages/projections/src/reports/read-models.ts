import {
  clearanceTarget, cumulativeShareBp, EMPLOYMENT_END_REASONS, EMPLOYMENT_FORMS, EmploymentEndReason, EmploymentForm, Place,
  PLACES, Policy, Status, TRAINING_KINDS, TrainingKind,
} from '@hearth/domain';

/** `hearth report clearance --json` (domain.md §5 "Annual clearance"). */
export interface AnnualClearance {
  readonly division: string;
  readonly year: number;
  readonly baseline: number;
  /** Display value of the cumulative share (basis points / 10 000); the target is computed from basis points. */
  readonly cumulativeShare: number;
  readonly target: number;
  readonly baselineCleared: number;
  readonly underReview: number;
  /** baselineCleared / target; null when the target is 0. */
  readonly achievement: number | null;
  readonly identifiedInYear: number;
  readonly clearedInYear: number;
  readonly relapsedInYear: number;
  readonly stockAtEnd: number;
  readonly withdrawnInYear: number;
  readonly exemptedInYear: number;
  readonly deregisteredInYear: number;
}

/** The counts an annual row is made of: additive over divisions. */
export type AnnualCounts = Omit<AnnualClearance, 'division' | 'year' | 'cumulativeShare' | 'target' | 'achievement'>;

/**
 * `hearth report monthly --json` (domain.md §5 "Monthly dynamic clearance table").
 * Every move counts an event of the month that took a household into the stock
 * (status `identified`) or out of it; withdrawals, exemptions and deregistrations of
 * households that were not in the stock are not moves and are not counted here (the
 * annual report counts all of them). Hence stockAtEnd = stockAtStart + identified +
 * relapsed − cleared − withdrawn − exempted − deregistered, always.
 */
export interface MonthlyClearance {
  readonly division: string;
  readonly month: string;
  readonly stockAtStart: number;
  readonly identified: number;
  readonly cleared: number;
  readonly relapsed: number;
  readonly withdrawn: number;
  readonly exempted: number;
  readonly deregistered: number;
  readonly stockAtEnd: number;
}
export type MonthlyCounts = Omit<MonthlyClearance, 'division' | 'month'>;

/** `hearth report progress --json` (domain.md §5 "Monthly progress table"). Counts of members and events, not households. */
export interface MonthlyProgress {
  readonly division: string;
  readonly month: string;
  /** Distinct members named in a survey dated in the month. */
  readonly membersSurveyed: number;
  /** Members eligible at the end of the month, in households still in the programme then. */
  readonly eligibleMembers: number;
  readonly trainingsOffered: Readonly<Record<TrainingKind, number>>;
  readonly trainingsAccepted: Readonly<Record<TrainingKind, number>>;
  readonly trainingsDeclined: Readonly<Record<TrainingKind, number>>;
  readonly trainingsCompleted: Readonly<Record<TrainingKind, number>>;
  readonly referralsMade: number;
  readonly referralsAccepted: number;
  readonly referralsDeclined: number;
  /** Distinct members referred in the month. */
  readonly membersReferred: number;
  readonly employmentsStartedByForm: Readonly<Record<EmploymentForm, number>>;
  readonly employmentsStartedByPlace: Readonly<Record<Place, number>>;
  readonly employmentsEndedByReason: Readonly<Record<EmploymentEndReason, number>>;
  /** Income records whose `month` field is the month (the income is for that month, whenever recorded). */
  readonly incomeRecords: number;
  /** Rounded to the cent (half up); null without records. */
  readonly medianMonthlyIncome: number | null;
  readonly meanMonthlyIncome: number | null;
}

export interface ProgressCounts extends Omit<MonthlyProgress, 'division' | 'month' | 'incomeRecords' | 'medianMonthlyIncome' | 'meanMonthlyIncome'> {
  /** Every income record of the month, in cents: medians do not add up, so they are kept whole. */
  readonly incomeCents: readonly number[];
}

/** `--by-child`: one row per child division of `division`. */
export interface AnnualClearanceByChild { readonly division: string; readonly year: number; readonly rows: readonly AnnualClearance[] }
export interface MonthlyClearanceByChild { readonly division: string; readonly month: string; readonly rows: readonly MonthlyClearance[] }
export interface MonthlyProgressByChild { readonly division: string; readonly month: string; readonly rows: readonly MonthlyProgress[] }

/** `hearth report backlog --json` (domain.md §5 "Service backlog"): what the agency owes, never a mark against a person. */
export interface ServiceBacklog {
  readonly division: string;
  readonly asOf: string;
  /**
   * Willing, eligible, unemployed members of households identified or cleared (docs/decisions/0136) with fewer than
   * minReferrals referrals since the latest identification; `identifiedOn` is that date, a relapse's when the household
   * relapsed since (docs/decisions/0116).
   */
  readonly referralsOwed: readonly {
    householdId: string; divisionCode: string; memberId: string; identifiedOn: string; referrals: number; owed: number;
  }[];
  /** Cleared households whose follow-up visit was due before asOf (due = latest of clearance and last visit + followUpEveryDays). */
  readonly followUpsOverdue: readonly {
    householdId: string; divisionCode: string; clearedOn: string; lastVisitOn: string | null; dueOn: string;
  }[];
  /** Households in the programme, registered by the latest annual deadline before asOf, without a survey dated in that year by it. */
  readonly surveyUpdatesMissing: readonly {
    householdId: string; divisionCode: string; deadline: string; lastSurveyOn: string | null;
  }[];
  /** Identified households with a member in active employment: due a clearance decision. */
  readonly clearancePending: readonly { householdId: string; divisionCode: string; activeEmploymentIds: readonly string[] }[];
  /** Labour concerns open at the end of asOf, oldest first. */
  readonly openLaborConcerns: readonly OpenLaborConcern[];
}

export interface OpenLaborConcern {
  readonly householdId: string;
  readonly divisionCode: string;
  readonly visitId: string;
  readonly raisedOn: string;
  readonly indicators: readonly string[];
  readonly daysOpen: number;
}

/** Per household (domain.md §5 "household status"), as of a date. */
export interface HouseholdStatusRow {
  readonly householdId: string;
  readonly divisionCode: string;
  readonly status: Status;
  readonly firstIdentifiedOn: string | null;
  readonly baseline: boolean;
  readonly openLaborConcerns: readonly string[];
}

const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export const emptyAnnualCounts = (): AnnualCounts => ({
  baseline: 0, baselineCleared: 0, underReview: 0, identifiedInYear: 0, clearedInYear: 0, relapsedInYear: 0,
  stockAtEnd: 0, withdrawnInYear: 0, exemptedInYear: 0, deregisteredInYear: 0,
});

export const emptyMonthlyCounts = (): MonthlyCounts => ({
  stockAtStart: 0, identified: 0, cleared: 0, relapsed: 0, withdrawn: 0, exempted: 0, deregistered: 0, stockAtEnd: 0,
});

export const emptyProgressCounts = (): ProgressCounts => ({
  membersSurveyed: 0,
  eligibleMembers: 0,
  trainingsOffered: zeroes(TRAINING_KINDS),
  trainingsAccepted: zeroes(TRAINING_KINDS),
  trainingsDeclined: zeroes(TRAINING_KINDS),
  trainingsCompleted: zeroes(TRAINING_KINDS),
  referralsMade: 0,
  referralsAccepted: 0,
  referralsDeclined: 0,
  membersReferred: 0,
  employmentsStartedByForm: zeroes(EMPLOYMENT_FORMS),
  employmentsStartedByPlace: zeroes(PLACES),
  employmentsEndedByReason: zeroes(EMPLOYMENT_END_REASONS),
  incomeCents: [],
});

/**
 * Adds counts `b` into `acc` field by field, in place (nested records too; lists, such as a
 * month's incomes, are appended): how divisions roll up. In place because a division sums
 * thousands of villages, and copying what it has summed so far at every village made the
 * region's progress report quadratic in its income records (docs/performance/full-region.md, "Reports").
 */
export const addCountsInto = <T extends object>(acc: T, b: T): void => {
  const into = acc as Record<string, unknown>;
  const from = b as Record<string, unknown>;
  for (const k of Object.keys(into)) {
    const x = into[k];
    const y = from[k];
    if (typeof x === 'number') into[k] = x + (y as number);
    else if (Array.isArray(x)) for (const v of y as readonly unknown[]) x.push(v);
    else addCountsInto(x as object, y as object);
  }
};

/** `a` and `b` added field by field, neither changed. */
export const addCounts = <T>(a: T, b: T): T => {
  if (typeof a === 'number') return ((a as number) + (b as number)) as T;
  const out = structuredClone(a);
  addCountsInto(out as object, b as object);
  return out;
};

export const annualClearance = (division: string, year: number, c: AnnualCounts, policy: Policy): AnnualClearance => {
  const shareBp = cumulativeShareBp(policy, year);
  const target = clearanceTarget(c.baseline, shareBp);
  return {
    division,
    year,
    baseline: c.baseline,
    cumulativeShare: shareBp / 10000,
    target,
    baselineCleared: c.baselineCleared,
    underReview: c.underReview,
    achievement: target === 0 ? null : c.baselineCleared / target,
    identifiedInYear: c.identifiedInYear,
    clearedInYear: c.clearedInYear,
    relapsedInYear: c.relapsedInYear,
    stockAtEnd: c.stockAtEnd,
    withdrawnInYear: c.withdrawnInYear,
    exemptedInYear: c.exemptedInYear,
    deregisteredInYear: c.deregisteredInYear,
  };
};

export const monthlyClearance = (division: string, month: string, c: MonthlyCounts): MonthlyClearance => ({ division, month, ...c });

export const monthlyProgress = (division: string, month: string, c: ProgressCounts): MonthlyProgress => {
  const { incomeCents, ...counts } = c;
  const income = incomeSummary(incomeCents);
  return { division, month, ...counts, incomeRecords: incomeCents.length, ...income };
};

/** Median and mean of amounts in cents, as money rounded to the cent (half up): integer arithmetic until the last step. */
export const incomeSummary = (cents: readonly number[]): { medianMonthlyIncome: number | null; meanMonthlyIncome: number | null } => {
  if (cents.length === 0) return { medianMonthlyIncome: null, meanMonthlyIncome: null };
  const sorted = [...cents].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : Math.floor(((sorted[mid - 1] as number) + (sorted[mid] as number) + 1) / 2);
  const sum = sorted.reduce((a, b) => a + b, 0);
  const mean = Math.floor((2 * sum + sorted.length) / (2 * sorted.length));
  return { medianMonthlyIncome: median / 100, meanMonthlyIncome: mean / 100 };
};
