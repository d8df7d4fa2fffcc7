import { Command } from '@nestjs/cqrs';
import type { CommandOf, DomainError, HouseholdCommand } from '@hearth/domain';
import type { CommandResult, RecordedEvent } from '@hearth/event-store';

type Accepted = Extract<CommandResult<DomainError>, { status: 'accepted' }>;

/**
 * An accepted command with the events it appended as the store keeps them, read back once
 * after the commit (their data, business dates and global positions) for the EventBus and
 * for the caller. `recorded` is undefined when that read failed: the command is recorded
 * all the same (the append committed), so it is still an acceptance, never an error.
 */
export type AcceptedHouseholdCommand = Accepted & { readonly recorded: readonly RecordedEvent[] | undefined };

/** What every household command returns on the CommandBus: a rejection is a value, never a throw. */
export type HouseholdCommandResult = Exclude<CommandResult<DomainError>, { status: 'accepted' }> | AcceptedHouseholdCommand;

/** A household command of one family, carried on the CommandBus to that family's handler. */
abstract class HouseholdBusCommand<C extends HouseholdCommand> extends Command<HouseholdCommandResult> {
  /** `actingWithin`: the division whose subtree the sender works in, checked on the state decided (DecisionContext.actingWithin, decision 216). */
  constructor(
    readonly command: C,
    readonly actingWithin?: string,
  ) {
    super();
  }
}

export class RegistrationCommand extends HouseholdBusCommand<CommandOf<'RegisterHousehold' | 'AddMember' | 'RemoveMember' | 'TransferHousehold'>> {}

export class IdentificationCommand extends HouseholdBusCommand<
  CommandOf<'SurveyHousehold' | 'ApplyForIdentification' | 'WithdrawApplication' | 'IdentifyHousehold' | 'RejectApplication' | 'DeclareWillingness' | 'WithdrawWillingness'>
> {}

export class TrainingCommand extends HouseholdBusCommand<CommandOf<'OfferTraining' | 'AcceptTraining' | 'DeclineTraining' | 'CompleteTraining' | 'LeaveTraining'>> {}

export class ReferralCommand extends HouseholdBusCommand<CommandOf<'ReferToJob' | 'AcceptReferral' | 'DeclineReferral'>> {}

export class EmploymentCommand extends HouseholdBusCommand<CommandOf<'RecordEmployment' | 'RecordIncome' | 'EndEmployment'>> {}

export class ClearanceCommand extends HouseholdBusCommand<CommandOf<'ClearHousehold' | 'RecordFollowUp' | 'ResolveLaborConcern' | 'RecordRelapse'>> {}

export class ExitCommand extends HouseholdBusCommand<CommandOf<'ExemptHousehold' | 'WithdrawFromProgramme' | 'DeregisterHousehold'>> {}

export class CorrectionCommand extends HouseholdBusCommand<CommandOf<'CorrectEvent'>> {}

export type HouseholdFamilyCommand =
  | RegistrationCommand | IdentificationCommand | TrainingCommand | ReferralCommand | EmploymentCommand | ClearanceCommand | ExitCommand | CorrectionCommand;

/** The family command that carries a decoded household command to its handler, with the sender's area if bound to one. */
export const householdBusCommand = (command: HouseholdCommand, actingWithin?: string): HouseholdFamilyCommand => {
  switch (command.type) {
    case 'RegisterHousehold':
    case 'AddMember':
    case 'RemoveMember':
    case 'TransferHousehold':
      return new RegistrationCommand(command, actingWithin);
    case 'SurveyHousehold':
    case 'ApplyForIdentification':
    case 'WithdrawApplication':
    case 'IdentifyHousehold':
    case 'RejectApplication':
    case 'DeclareWillingness':
    case 'WithdrawWillingness':
      return new IdentificationCommand(command, actingWithin);
    case 'OfferTraining':
    case 'AcceptTraining':
    case 'DeclineTraining':
    case 'CompleteTraining':
    case 'LeaveTraining':
      return new TrainingCommand(command, actingWithin);
    case 'ReferToJob':
    case 'AcceptReferral':
    case 'DeclineReferral':
      return new ReferralCommand(command, actingWithin);
    case 'RecordEmployment':
    case 'RecordIncome':
    case 'EndEmployment':
      return new EmploymentCommand(command, actingWithin);
    case 'ClearHousehold':
    case 'RecordFollowUp':
    case 'ResolveLaborConcern':
    case 'RecordRelapse':
      return new ClearanceCommand(command, actingWithin);
    case 'ExemptHousehold':
    case 'WithdrawFromProgramme':
    case 'DeregisterHousehold':
      return new ExitCommand(command, actingWithin);
    case 'CorrectEvent':
      return new CorrectionCommand(command, actingWithin);
    default: {
      const unreachable: never = command;
      throw new Error(`no command family for ${JSON.stringify(unreachable)}`);
    }
  }
};
