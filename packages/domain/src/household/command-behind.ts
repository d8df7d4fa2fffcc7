import { CommandType, HouseholdCommand } from './commands';
import { EventType, HouseholdEvent } from './events';

/**
 * The command each event type answers, and the data fields that are denormalised
 * copies (not part of the command). Replaying a history through `decide` with these
 * commands must reproduce it exactly: that is how the verifier and corrections check
 * that every stored event is one the domain would have produced.
 */
const COMMAND_FOR: Record<Exclude<EventType, 'LaborConcernRaised'>, [CommandType, readonly string[]]> = {
  HouseholdRegistered: ['RegisterHousehold', ['householdId']],
  MemberAdded: ['AddMember', []],
  MemberRemoved: ['RemoveMember', []],
  HouseholdSurveyed: ['SurveyHousehold', []],
  IdentificationApplied: ['ApplyForIdentification', []],
  ApplicationWithdrawn: ['WithdrawApplication', []],
  HouseholdIdentified: ['IdentifyHousehold', ['eligibleMemberIds']],
  ApplicationRejected: ['RejectApplication', []],
  WillingnessDeclared: ['DeclareWillingness', []],
  WillingnessWithdrawn: ['WithdrawWillingness', []],
  TrainingOffered: ['OfferTraining', []],
  TrainingAccepted: ['AcceptTraining', ['memberId', 'kind']],
  TrainingDeclined: ['DeclineTraining', ['memberId', 'kind']],
  MemberTrained: ['CompleteTraining', ['memberId', 'kind']],
  TrainingLeft: ['LeaveTraining', ['memberId', 'kind']],
  MemberReferred: ['ReferToJob', []],
  ReferralAccepted: ['AcceptReferral', ['memberId']],
  ReferralDeclined: ['DeclineReferral', ['memberId']],
  MemberEmployed: ['RecordEmployment', []],
  IncomeRecorded: ['RecordIncome', ['memberId']],
  EmploymentEnded: ['EndEmployment', ['memberId']],
  HouseholdCleared: ['ClearHousehold', ['activeEmploymentIds']],
  FollowUpVisited: ['RecordFollowUp', []],
  LaborConcernResolved: ['ResolveLaborConcern', []],
  HouseholdRelapsed: ['RecordRelapse', []],
  HouseholdExempted: ['ExemptHousehold', []],
  HouseholdWithdrew: ['WithdrawFromProgramme', []],
  HouseholdDeregistered: ['DeregisterHousehold', []],
  HouseholdTransferred: ['TransferHousehold', ['from']],
  EventCorrected: ['CorrectEvent', ['correctedType']],
};

/** The command type an event type answers and the data fields it only copies (undefined for events that only follow another). */
export const answeredBy = (type: EventType): readonly [CommandType, readonly string[]] | undefined =>
  type === 'LaborConcernRaised' ? undefined : COMMAND_FOR[type];

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The command that would have produced `event` (undefined for events that only follow
 * another): `{ ...data without the copies, type, householdId, on }`, built member by member
 * (the verifier asks for one per stored decision; entries, a filter and two copies cost
 * more than the decision).
 */
export const commandBehind = (event: HouseholdEvent, householdId: string, on: string): HouseholdCommand | undefined => {
  if (event.type === 'LaborConcernRaised') return undefined;
  const [type, copies] = COMMAND_FOR[event.type];
  const data = event.data as Readonly<Record<string, unknown>>;
  const command: Record<string, unknown> = {};
  for (const k in data) {
    if (!hasOwn.call(data, k) || copies.includes(k)) continue;
    // An own member named __proto__ stays a member, as a spread would keep it.
    if (k === '__proto__') Object.defineProperty(command, k, { value: data[k], enumerable: true, writable: true, configurable: true });
    else command[k] = data[k];
  }
  command['type'] = type;
  command['householdId'] = householdId;
  command['on'] = on;
  return command as unknown as HouseholdCommand;
};
