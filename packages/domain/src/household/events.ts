import * as t from 'io-ts';
import { acceptsOf } from '../codec/accepts';
import { closed } from '../codec/closed';
import { boundedArray, BirthYearC, IdC, MoneyC, MonthC, oneOf, PositiveIntC, TextC } from '../codec/primitives';
import { RegisteredMemberC, SurveyedMemberC } from './commands';
import { employmentFields, employmentOptionalFields, followUpFields, referralFields, trainingOfferFields } from './fields';
import * as V from './vocabulary';
import { EMPLOYMENTS_AT_MOST, MEMBERS_AT_MOST } from './limits';

/**
 * The household's events: the STORAGE contract. Stored events are read back for
 * ever, so change these with care: add optional fields, never repurpose one; a
 * breaking change needs a new schemaVersion and an upcaster.
 *
 * `data` holds what the command decided, denormalised where a reader would otherwise
 * need the whole stream (e.g. `MemberTrained` repeats the member and the kind), so that
 * projections can stay simple folds. The business date, recorder and note live in the
 * envelope's metadata, not here.
 */
/**
 * `{ type, data }` with `data` closed. Its `is` — what the event store's codec asks of
 * every stored event before it decodes only a refused one (household-event-codec.ts) — is
 * the check compiled once from this same codec (codec/accepts.ts), which accepts exactly
 * what `decode` accepts, without io-ts's guard per field; `validate` (decode) is io-ts's.
 * `test/properties/event-accepts.property.spec.ts` holds `is` to `decode`.
 */
const event = <T extends string, R extends t.Props, O extends t.Props = {}>(type: T, data: R, optional?: O) => {
  const codec = t.type({ type: t.literal(type), data: closed(`${type}.data`, data, optional) });
  const dataAccepts = acceptsOf(codec.props.data);
  const is = (u: unknown): u is t.TypeOf<typeof codec> => t.UnknownRecord.is(u) && u['type'] === type && dataAccepts(u['data']);
  return new t.InterfaceType(codec.name, is, codec.validate, codec.encode, codec.props);
};

const MAX_LIST = 50;

export const HouseholdRegistered = event('HouseholdRegistered', {
  householdId: IdC,
  divisionCode: IdC,
  members: boundedArray(RegisteredMemberC, MEMBERS_AT_MOST, 1),
});
export const MemberAdded = event('MemberAdded', { memberId: IdC, birthYear: BirthYearC }, { sex: oneOf(V.SEXES) });
export const MemberRemoved = event('MemberRemoved', { memberId: IdC, reason: TextC });
export const HouseholdSurveyed = event('HouseholdSurveyed', {
  householdSize: PositiveIntC,
  povertyCauses: boundedArray(oneOf(V.POVERTY_CAUSES), MAX_LIST),
  members: boundedArray(SurveyedMemberC, MEMBERS_AT_MOST, 1),
});
export const IdentificationApplied = event('IdentificationApplied', {});
export const ApplicationWithdrawn = event('ApplicationWithdrawn', {});
export const HouseholdIdentified = event('HouseholdIdentified', { eligibleMemberIds: boundedArray(IdC, MEMBERS_AT_MOST, 1) });
export const ApplicationRejected = event('ApplicationRejected', { reason: TextC });
export const WillingnessDeclared = event('WillingnessDeclared', { memberId: IdC });
export const WillingnessWithdrawn = event('WillingnessWithdrawn', { memberId: IdC });
export const TrainingOffered = event('TrainingOffered', trainingOfferFields);
const trainingRef = { trainingId: IdC, memberId: IdC, kind: oneOf(V.TRAINING_KINDS) };
export const TrainingAccepted = event('TrainingAccepted', trainingRef);
export const TrainingDeclined = event('TrainingDeclined', trainingRef, { reason: TextC });
export const MemberTrained = event('MemberTrained', trainingRef, { certified: t.boolean });
export const TrainingLeft = event('TrainingLeft', { ...trainingRef, reason: TextC });
export const MemberReferred = event('MemberReferred', referralFields);
export const ReferralAccepted = event('ReferralAccepted', { referralId: IdC, memberId: IdC });
export const ReferralDeclined = event('ReferralDeclined', { referralId: IdC, memberId: IdC }, { reason: TextC });
export const MemberEmployed = event('MemberEmployed', employmentFields, employmentOptionalFields);
export const IncomeRecorded = event('IncomeRecorded', { employmentId: IdC, memberId: IdC, month: MonthC, amount: MoneyC });
export const EmploymentEnded = event('EmploymentEnded', {
  employmentId: IdC,
  memberId: IdC,
  reason: oneOf(V.EMPLOYMENT_END_REASONS),
});
export const HouseholdCleared = event('HouseholdCleared', { activeEmploymentIds: boundedArray(IdC, EMPLOYMENTS_AT_MOST, 1) });
export const FollowUpVisited = event('FollowUpVisited', followUpFields);
export const LaborConcernRaised = event('LaborConcernRaised', {
  visitId: IdC,
  indicators: boundedArray(oneOf(V.LABOR_CONCERN_INDICATORS), V.LABOR_CONCERN_INDICATORS.length, 1),
});
export const LaborConcernResolved = event('LaborConcernResolved', {
  visitId: IdC,
  outcome: oneOf(V.CONCERN_OUTCOMES),
  reason: TextC,
});
export const HouseholdRelapsed = event('HouseholdRelapsed', { reason: TextC });
export const HouseholdExempted = event('HouseholdExempted', { programme: TextC });
export const HouseholdWithdrew = event('HouseholdWithdrew', {}, { reason: TextC });
export const HouseholdDeregistered = event('HouseholdDeregistered', { reason: oneOf(V.DEREGISTRATION_REASONS) });
export const HouseholdTransferred = event('HouseholdTransferred', { from: IdC, to: IdC });
export const EventCorrected = event('EventCorrected', {
  eventId: IdC,
  correctedType: IdC,
  correction: t.UnknownRecord,
  reason: TextC,
});

export const eventCodecs = {
  HouseholdRegistered, MemberAdded, MemberRemoved, HouseholdSurveyed, IdentificationApplied, ApplicationWithdrawn,
  HouseholdIdentified, ApplicationRejected, WillingnessDeclared, WillingnessWithdrawn, TrainingOffered,
  TrainingAccepted, TrainingDeclined, MemberTrained, TrainingLeft, MemberReferred, ReferralAccepted, ReferralDeclined,
  MemberEmployed, IncomeRecorded, EmploymentEnded, HouseholdCleared, FollowUpVisited, LaborConcernRaised,
  LaborConcernResolved, HouseholdRelapsed, HouseholdExempted, HouseholdWithdrew, HouseholdDeregistered, HouseholdTransferred,
  EventCorrected,
} as const;

export type EventType = keyof typeof eventCodecs;
export type HouseholdEvent = { [K in EventType]: t.TypeOf<(typeof eventCodecs)[K]> }[EventType];
export type EventOf<K extends EventType> = Extract<HouseholdEvent, { type: K }>;
export type EventData<K extends EventType> = EventOf<K>['data'];
export const EVENT_TYPES = Object.keys(eventCodecs) as EventType[];

export const HouseholdEventC = t.union(
  Object.values(eventCodecs) as unknown as [t.Mixed, t.Mixed, ...t.Mixed[]],
  'HouseholdEvent',
) as unknown as t.Type<HouseholdEvent, unknown, unknown>;

/** Builds an event value with its data typed by the event type. */
export const ev = <K extends EventType>(type: K, data: EventData<K>): EventOf<K> => ({ type, data }) as EventOf<K>;
