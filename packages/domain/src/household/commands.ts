import * as t from 'io-ts';
import { closed } from '../codec/closed';
import { boundedArray, BirthYearC, BusinessDateC, IdC, MoneyC, MonthC, oneOf, PositiveIntC, TextC } from '../codec/primitives';
import { employmentFields, employmentOptionalFields, followUpFields, referralFields, trainingOfferFields } from './fields';
import * as V from './vocabulary';
import { MEMBERS_AT_MOST } from './limits';

/**
 * The household's commands: the API contract of domain.md §4. Each codec is closed
 * (unknown fields are rejected, never stripped) and carries the common fields.
 */
const common = { householdId: IdC, on: BusinessDateC };
const commonOptional = { actor: IdC, note: TextC, commandId: IdC };

const command = <T extends string, R extends t.Props, O extends t.Props = {}>(type: T, required: R, optional?: O) =>
  closed(type, { type: t.literal(type), ...common, ...required }, { ...commonOptional, ...(optional ?? ({} as O)) });

const MAX_LIST = 50;

export const RegisteredMemberC = closed('RegisteredMember', { memberId: IdC, birthYear: BirthYearC }, { sex: oneOf(V.SEXES) });

export const SurveyedMemberC = closed(
  'SurveyedMember',
  {
    memberId: IdC,
    health: oneOf(V.HEALTH),
    laborCapacity: oneOf(V.LABOR_CAPACITIES),
    education: oneOf(V.EDUCATION_LEVELS),
    skills: boundedArray(TextC, MAX_LIST),
    languages: boundedArray(closed('LanguageSkill', { language: TextC, level: oneOf(V.LANGUAGE_LEVELS) }), MAX_LIST),
    wantsWork: t.boolean,
    preferredForms: boundedArray(oneOf(V.EMPLOYMENT_FORMS), MAX_LIST),
    preferredPlaces: boundedArray(oneOf(V.PLACES), MAX_LIST),
    wantsSelfEmployment: t.boolean,
    trainingNeeds: boundedArray(oneOf(V.TRAINING_KINDS), MAX_LIST),
  },
  { expectedMonthlyWage: MoneyC },
);
export type SurveyedMember = t.TypeOf<typeof SurveyedMemberC>;

export const RegisterHousehold = command('RegisterHousehold', {
  divisionCode: IdC,
  members: boundedArray(RegisteredMemberC, MEMBERS_AT_MOST, 1),
});
export const AddMember = command('AddMember', { memberId: IdC, birthYear: BirthYearC }, { sex: oneOf(V.SEXES) });
export const RemoveMember = command('RemoveMember', { memberId: IdC, reason: TextC });
export const SurveyHousehold = command('SurveyHousehold', {
  householdSize: PositiveIntC,
  povertyCauses: boundedArray(oneOf(V.POVERTY_CAUSES), MAX_LIST),
  members: boundedArray(SurveyedMemberC, MEMBERS_AT_MOST, 1),
});
export const ApplyForIdentification = command('ApplyForIdentification', {});
export const WithdrawApplication = command('WithdrawApplication', {});
export const IdentifyHousehold = command('IdentifyHousehold', {});
export const RejectApplication = command('RejectApplication', { reason: TextC });
export const DeclareWillingness = command('DeclareWillingness', { memberId: IdC });
export const WithdrawWillingness = command('WithdrawWillingness', { memberId: IdC });
export const OfferTraining = command('OfferTraining', trainingOfferFields);
export const AcceptTraining = command('AcceptTraining', { trainingId: IdC });
export const DeclineTraining = command('DeclineTraining', { trainingId: IdC }, { reason: TextC });
export const CompleteTraining = command('CompleteTraining', { trainingId: IdC }, { certified: t.boolean });
export const LeaveTraining = command('LeaveTraining', { trainingId: IdC, reason: TextC });
export const ReferToJob = command('ReferToJob', referralFields);
export const AcceptReferral = command('AcceptReferral', { referralId: IdC });
export const DeclineReferral = command('DeclineReferral', { referralId: IdC }, { reason: TextC });
export const RecordEmployment = command('RecordEmployment', employmentFields, employmentOptionalFields);
export const RecordIncome = command('RecordIncome', { employmentId: IdC, month: MonthC, amount: MoneyC });
export const EndEmployment = command('EndEmployment', { employmentId: IdC, reason: oneOf(V.EMPLOYMENT_END_REASONS) });
export const ClearHousehold = command('ClearHousehold', {});
export const RecordFollowUp = command('RecordFollowUp', followUpFields);
export const ResolveLaborConcern = command('ResolveLaborConcern', {
  visitId: IdC,
  outcome: oneOf(V.CONCERN_OUTCOMES),
  reason: TextC,
});
export const RecordRelapse = command('RecordRelapse', { reason: TextC });
export const ExemptHousehold = command('ExemptHousehold', { programme: TextC });
export const WithdrawFromProgramme = command('WithdrawFromProgramme', {}, { reason: TextC });
export const DeregisterHousehold = command('DeregisterHousehold', { reason: oneOf(V.DEREGISTRATION_REASONS) });
/** Moves a household whose division a new tree dropped to the successor the tree names (docs/decisions/0015). */
export const TransferHousehold = command('TransferHousehold', { to: IdC });
export const CorrectEvent = command('CorrectEvent', {
  eventId: IdC,
  correction: t.UnknownRecord,
  reason: TextC,
});

export const commandCodecs = {
  RegisterHousehold, AddMember, RemoveMember, SurveyHousehold, ApplyForIdentification, WithdrawApplication,
  IdentifyHousehold, RejectApplication, DeclareWillingness, WithdrawWillingness, OfferTraining, AcceptTraining,
  DeclineTraining, CompleteTraining, LeaveTraining, ReferToJob, AcceptReferral, DeclineReferral, RecordEmployment,
  RecordIncome, EndEmployment, ClearHousehold, RecordFollowUp, ResolveLaborConcern, RecordRelapse, ExemptHousehold,
  WithdrawFromProgramme, DeregisterHousehold, TransferHousehold, CorrectEvent,
} as const;

export type CommandType = keyof typeof commandCodecs;
export type HouseholdCommand = { [K in CommandType]: t.TypeOf<(typeof commandCodecs)[K]> }[CommandType];
export type CommandOf<K extends CommandType> = Extract<HouseholdCommand, { type: K }>;
export const COMMAND_TYPES = Object.keys(commandCodecs) as CommandType[];
