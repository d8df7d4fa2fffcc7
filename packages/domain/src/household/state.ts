import { BusinessDate } from '../dates';
import { HouseholdEvent } from './events';
import { LaborCapacity, LaborConcernIndicator, Sex, TrainingKind } from './vocabulary';

export const STATUSES = [
  'unregistered', 'registered', 'surveyed', 'applied', 'identified', 'cleared', 'withdrawn', 'exempted', 'deregistered',
] as const;
export type Status = (typeof STATUSES)[number];

/** What the fold knows of each stored event: enough to decide, replay and correct. */
export interface EventMeta {
  readonly eventId: string;
  readonly occurredOn: BusinessDate;
  readonly commandId?: string;
}
export interface Fact {
  readonly event: HouseholdEvent;
  readonly meta: EventMeta;
}

/** What a stream keeps of the command behind a commandId: the first event it appended. */
export interface CommandTrace {
  readonly event: HouseholdEvent;
  readonly occurredOn: BusinessDate;
}

export interface MemberState {
  readonly memberId: string;
  readonly birthYear: number;
  readonly sex?: Sex;
  readonly removed: boolean;
  /** Set for members added after registration (AddMember repeats compare against it). */
  readonly fingerprint?: string;
  /** From the latest survey; undefined until the member is surveyed. */
  readonly laborCapacity?: LaborCapacity;
  /** Latest of survey `wantsWork`, DeclareWillingness and WithdrawWillingness. */
  readonly willing: boolean;
}

export interface TrainingState {
  readonly fingerprint: string;
  readonly memberId: string;
  readonly kind: TrainingKind;
  readonly status: 'offered' | 'accepted' | 'declined' | 'completed' | 'left';
}

export interface ReferralState {
  readonly fingerprint: string;
  readonly memberId: string;
  readonly referredOn: BusinessDate;
  readonly status: 'open' | 'accepted' | 'declined';
  readonly employmentId?: string;
}

export interface EmploymentState {
  readonly fingerprint: string;
  /** month → the income recorded for it (one figure a month: docs/decisions/0019-repeated-facts.md). */
  readonly incomes: ReadonlyMap<string, number>;
  readonly memberId: string;
  readonly startedOn: BusinessDate;
  readonly endedOn?: BusinessDate;
  readonly referralId?: string;
}

export interface VisitState {
  readonly fingerprint: string;
  readonly visitedOn: BusinessDate;
  readonly concern?: { readonly indicators: readonly LaborConcernIndicator[]; readonly open: boolean; readonly raisedOn: BusinessDate };
}

export interface HouseholdState {
  readonly status: Status;
  readonly householdId?: string;
  readonly divisionCode?: string;
  readonly registrationFingerprint?: string;
  /** The latest business date in the stream (back-dating guard). */
  readonly latestOn?: BusinessDate;
  readonly surveyed: boolean;
  readonly lastSurveyOn?: BusinessDate;
  readonly firstIdentifiedOn?: BusinessDate;
  readonly lastIdentifiedOn?: BusinessDate;
  readonly lastClearedOn?: BusinessDate;
  readonly members: ReadonlyMap<string, MemberState>;
  readonly trainings: ReadonlyMap<string, TrainingState>;
  readonly referrals: ReadonlyMap<string, ReferralState>;
  readonly employments: ReadonlyMap<string, EmploymentState>;
  readonly visits: ReadonlyMap<string, VisitState>;
  /** commandId → the first event its command appended: a reused id is compared with it (guards.ts). */
  readonly commandIds: ReadonlyMap<string, CommandTrace>;
  /** Fingerprints (content and date) of every survey recorded, so the same survey again appends nothing. */
  readonly surveyFingerprints: ReadonlySet<string>;
  /** Every fact folded so far, in order: corrections and the verifier replay it. */
  readonly history: readonly Fact[];
  /** eventId → the fields amended by EventCorrected, merged in order. */
  readonly corrections: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

export const initialState: HouseholdState = {
  status: 'unregistered',
  surveyed: false,
  members: new Map(),
  trainings: new Map(),
  referrals: new Map(),
  employments: new Map(),
  visits: new Map(),
  commandIds: new Map(),
  surveyFingerprints: new Set(),
  history: [],
  corrections: new Map(),
};

/** Statuses in which the household takes part in the programme. */
export const isActive = (s: HouseholdState): boolean =>
  s.status !== 'unregistered' && s.status !== 'withdrawn' && s.status !== 'exempted' && s.status !== 'deregistered';
