import { canonicalJson } from '../canonical-json';
import { CommandType, HouseholdCommand } from './commands';
import { EventType } from './events';
import { CommandTrace } from './state';

/** The first event each command appends: how a stored trace is matched to a command. */
const FIRST_EVENT: Readonly<Record<CommandType, EventType>> = {
  RegisterHousehold: 'HouseholdRegistered',
  AddMember: 'MemberAdded',
  RemoveMember: 'MemberRemoved',
  SurveyHousehold: 'HouseholdSurveyed',
  ApplyForIdentification: 'IdentificationApplied',
  WithdrawApplication: 'ApplicationWithdrawn',
  IdentifyHousehold: 'HouseholdIdentified',
  RejectApplication: 'ApplicationRejected',
  DeclareWillingness: 'WillingnessDeclared',
  WithdrawWillingness: 'WillingnessWithdrawn',
  OfferTraining: 'TrainingOffered',
  AcceptTraining: 'TrainingAccepted',
  DeclineTraining: 'TrainingDeclined',
  CompleteTraining: 'MemberTrained',
  LeaveTraining: 'TrainingLeft',
  ReferToJob: 'MemberReferred',
  AcceptReferral: 'ReferralAccepted',
  DeclineReferral: 'ReferralDeclined',
  RecordEmployment: 'MemberEmployed',
  RecordIncome: 'IncomeRecorded',
  EndEmployment: 'EmploymentEnded',
  ClearHousehold: 'HouseholdCleared',
  RecordFollowUp: 'FollowUpVisited',
  ResolveLaborConcern: 'LaborConcernResolved',
  RecordRelapse: 'HouseholdRelapsed',
  ExemptHousehold: 'HouseholdExempted',
  WithdrawFromProgramme: 'HouseholdWithdrew',
  DeregisterHousehold: 'HouseholdDeregistered',
  CorrectEvent: 'EventCorrected',
};

/** Fields that say who and why, not what: a retry may change them (as for id repeats, domain.md §4 check 3). */
const ENVELOPE_FIELDS = new Set(['type', 'householdId', 'on', 'actor', 'note', 'commandId']);

/**
 * Whether `c` is the command that left `trace` under its commandId: the same type, the
 * same business date, and every field it shares with the stored event equal. An event
 * keeps the command's content (events.ts shares the field sets), so a retry matches and
 * a reuse of the id for something else does not (docs/decisions/0019-repeated-facts.md).
 */
export const isCommandOf = (c: HouseholdCommand, trace: CommandTrace): boolean => {
  if (FIRST_EVENT[c.type] !== trace.event.type || c.on !== trace.occurredOn) return false;
  const stored = trace.event.data as Readonly<Record<string, unknown>>;
  return Object.entries(c).every(
    ([key, value]) => ENVELOPE_FIELDS.has(key) || !Object.prototype.hasOwnProperty.call(stored, key) || canonicalJson(value) === canonicalJson(stored[key]),
  );
};
