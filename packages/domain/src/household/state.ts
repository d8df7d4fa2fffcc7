import { BusinessDate } from '../dates';
import { CommandIndex } from './command-index';
import { HouseholdEvent } from './events';
import { Content } from './fingerprint';
import { SurveyPrint } from './survey-print';
import { LaborCapacity, LaborConcernIndicator, Sex, TrainingKind } from './vocabulary';

export const STATUSES = [
  'unregistered', 'registered', 'surveyed', 'applied', 'identified', 'cleared', 'withdrawn', 'exempted', 'deregistered',
] as const;
export type Status = (typeof STATUSES)[number];

/** What the fold is told of each stored event besides the event itself. */
export interface EventMeta {
  readonly eventId: string;
  readonly occurredOn: BusinessDate;
  readonly commandId?: string;
  /** Global position in the log, when the event is stored: says which division tree it was decided against. */
  readonly position?: number;
}
/** A stored event with its metadata: the unit of a stream's history (replay, corrections). */
export interface Fact {
  readonly event: HouseholdEvent;
  readonly meta: EventMeta;
}

/** What a stream keeps of the command behind a commandId: command-trace.ts, the one home of its encoding. */
export type { CommandTrace } from './command-trace';

export interface MemberState {
  readonly memberId: string;
  readonly birthYear: number;
  readonly sex?: Sex;
  readonly removed: boolean;
  /** The removal's business date: a back-dated clearance, relapse or identification does not read past it (docs/decisions/0140). */
  readonly removedOn?: BusinessDate;
  /** Set for members added after registration (AddMember repeats compare against it). */
  readonly fingerprint?: Content;
  /** The MemberAdded event that created the member; undefined for members named at registration. */
  readonly addedBy?: string;
  /**
   * From the latest dated survey (of two on one date, the one recorded last), whatever order a
   * back-dating allowance let them be recorded in (docs/decisions/0130); undefined until the
   * member is surveyed.
   */
  readonly laborCapacity?: LaborCapacity;
  /** The survey event `laborCapacity` comes from: a correction of that survey changes it. */
  readonly capacityFrom?: string;
  /** That survey's business date: an earlier dated survey recorded later does not change `laborCapacity`. */
  readonly capacityOn?: BusinessDate;
  /** The latest dated of survey `wantsWork`, DeclareWillingness and WithdrawWillingness (as `laborCapacity`). */
  readonly willing: boolean;
  /** The event `willing` comes from (undefined: never set since registration). */
  readonly willingFrom?: string;
  /** That event's business date. */
  readonly willingOn?: BusinessDate;
}

/*
 * Every entity remembers the event that created it (`eventId`): an EventCorrected names
 * only the event it amends, and the fold applies the correction to what that event made
 * (corrected-state.ts) instead of refolding a history the state does not keep.
 */
export interface TrainingState {
  readonly eventId: string;
  readonly fingerprint: Content;
  readonly memberId: string;
  readonly kind: TrainingKind;
  /** No answer or end of the training may be dated before it (docs/decisions/0129). */
  readonly offeredOn: BusinessDate;
  /** When the member accepted it: nobody completes or leaves a training before agreeing to it (decision 129, amended). */
  readonly acceptedOn: BusinessDate | undefined;
  readonly status: 'offered' | 'accepted' | 'declined' | 'completed' | 'left';
}

export interface ReferralState {
  readonly eventId: string;
  readonly fingerprint: Content;
  readonly memberId: string;
  readonly referredOn: BusinessDate;
  /** When the member accepted it: no employment comes from it before that (domain.md §1.2; decision 129, amended). */
  readonly acceptedOn: BusinessDate | undefined;
  readonly status: 'open' | 'accepted' | 'declined';
  readonly employmentId?: string;
}

export interface EmploymentState {
  readonly eventId: string;
  readonly fingerprint: Content;
  /** month → the income recorded for it (one figure a month: docs/decisions/0019-repeated-facts.md). */
  readonly incomes: ReadonlyMap<string, number>;
  /** IncomeRecorded eventId → its month: where a correction of that income applies. */
  readonly incomeEvents: ReadonlyMap<string, string>;
  readonly memberId: string;
  readonly startedOn: BusinessDate;
  readonly endedOn?: BusinessDate;
  readonly referralId?: string;
}

export interface VisitState {
  readonly eventId: string;
  readonly fingerprint: Content;
  readonly visitedOn: BusinessDate;
  readonly concern?: {
    readonly indicators: readonly LaborConcernIndicator[];
    readonly open: boolean;
    readonly raisedOn: BusinessDate;
    /** The LaborConcernRaised event. */
    readonly raisedBy: string;
  };
}

export interface HouseholdState {
  readonly status: Status;
  readonly householdId?: string;
  readonly divisionCode?: string;
  /** The event `divisionCode` comes from: the registration, or the latest transfer. */
  readonly divisionFrom?: string;
  /** The HouseholdRegistered event. */
  readonly registeredBy?: string;
  /** Its business date: no command may be dated before it (back-dating guard, docs/decisions/0132). */
  readonly registeredOn?: BusinessDate;
  readonly registrationFingerprint?: Content;
  /** The latest business date in the stream (back-dating guard). */
  readonly latestOn?: BusinessDate;
  /** The business date of the latest change of status: no later change may be dated before it (docs/decisions/0117). */
  readonly statusSince?: BusinessDate;
  readonly surveyed: boolean;
  /** The date of the latest dated survey, which a back-dated one recorded later does not move (docs/decisions/0128). */
  readonly lastSurveyOn?: BusinessDate;
  readonly firstIdentifiedOn?: BusinessDate;
  /** The date of the latest identification or relapse: the spell of `identified` referrals are owed for (identified-spell.ts). */
  readonly lastIdentifiedOn?: BusinessDate;
  readonly lastClearedOn?: BusinessDate;
  readonly members: ReadonlyMap<string, MemberState>;
  readonly trainings: ReadonlyMap<string, TrainingState>;
  readonly referrals: ReadonlyMap<string, ReferralState>;
  readonly employments: ReadonlyMap<string, EmploymentState>;
  readonly visits: ReadonlyMap<string, VisitState>;
  /** commandId → what its command was: a reused id is compared with it (guards.ts). */
  readonly commandIds: CommandIndex;
  /**
   * Survey eventId → a print of its content and date (survey-print.ts), so the same survey
   * again appends nothing. The state keeps no log: what a correction or a replay needs from
   * the past is read from the stream (DecisionContext.history; docs/decisions/0050-lean-fold.md),
   * and so is the survey a matching print is confirmed against (docs/decisions/0081-surveys-kept-as-fingerprints.md).
   */
  readonly surveys: ReadonlyMap<string, SurveyPrint>;
}

/**
 * Every member present from the start, the optional ones undefined, in one order: every
 * state then has one shape, so the copy `evolve` makes of it per event stays on V8's fast
 * path instead of a lookup per field among dozens of shapes.
 */
const initial: EveryMember<HouseholdState> = {
  status: 'unregistered',
  householdId: undefined,
  divisionCode: undefined,
  divisionFrom: undefined,
  registeredBy: undefined,
  registeredOn: undefined,
  registrationFingerprint: undefined,
  latestOn: undefined,
  statusSince: undefined,
  surveyed: false,
  lastSurveyOn: undefined,
  firstIdentifiedOn: undefined,
  lastIdentifiedOn: undefined,
  lastClearedOn: undefined,
  members: new Map(),
  trainings: new Map(),
  referrals: new Map(),
  employments: new Map(),
  visits: new Map(),
  commandIds: CommandIndex.empty,
  surveys: new Map(),
};
export const initialState: HouseholdState = initial;

/** T with every member, optional ones included, spelled out: a literal of it cannot forget a field. */
export type EveryMember<T> = { readonly [K in keyof Required<T>]: T[K] };

/**
 * A member as registered or added: every member of MemberState present (the optional ones
 * undefined) and in one order, for the same reason as `initialState`.
 */
export const memberState = (memberId: string, birthYear: number, sex: Sex | undefined, added?: { readonly fingerprint: Content; readonly addedBy: string }): EveryMember<MemberState> => ({
  memberId,
  birthYear,
  sex,
  removed: false,
  removedOn: undefined,
  fingerprint: added?.fingerprint,
  addedBy: added?.addedBy,
  laborCapacity: undefined,
  capacityFrom: undefined,
  capacityOn: undefined,
  willing: false,
  willingFrom: undefined,
  willingOn: undefined,
});

/** Statuses in which the household takes part in the programme. */
export const isActive = (s: HouseholdState): boolean =>
  s.status !== 'unregistered' && s.status !== 'withdrawn' && s.status !== 'exempted' && s.status !== 'deregistered';
