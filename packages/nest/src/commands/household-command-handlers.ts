import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  ClearanceCommand, CorrectionCommand, EmploymentCommand, ExitCommand, HouseholdCommandResult, IdentificationCommand, ReferralCommand,
  RegistrationCommand, TrainingCommand,
} from './household-bus-commands';
import { HouseholdCommandExecutor } from './household-command-executor';

/**
 * One handler per command family (the family is what an embedder's interceptors and logs see).
 * Every dependency is injected by an explicit token: decorator metadata is absent when
 * the sources run through tsx (esbuild), as the executables do (decision 0026).
 */

@CommandHandler(RegistrationCommand)
export class RegistrationHandler implements ICommandHandler<RegistrationCommand, HouseholdCommandResult> {
  constructor(@Inject(HouseholdCommandExecutor) private readonly executor: HouseholdCommandExecutor) {}
  execute(c: RegistrationCommand): Promise<HouseholdCommandResult> {
    return this.executor.execute(c.command, c.actingWithin);
  }
}

@CommandHandler(IdentificationCommand)
export class IdentificationHandler implements ICommandHandler<IdentificationCommand, HouseholdCommandResult> {
  constructor(@Inject(HouseholdCommandExecutor) private readonly executor: HouseholdCommandExecutor) {}
  execute(c: IdentificationCommand): Promise<HouseholdCommandResult> {
    return this.executor.execute(c.command, c.actingWithin);
  }
}

@CommandHandler(TrainingCommand)
export class TrainingHandler implements ICommandHandler<TrainingCommand, HouseholdCommandResult> {
  constructor(@Inject(HouseholdCommandExecutor) private readonly executor: HouseholdCommandExecutor) {}
  execute(c: TrainingCommand): Promise<HouseholdCommandResult> {
    return this.executor.execute(c.command, c.actingWithin);
  }
}

@CommandHandler(ReferralCommand)
export class ReferralHandler implements ICommandHandler<ReferralCommand, HouseholdCommandResult> {
  constructor(@Inject(HouseholdCommandExecutor) private readonly executor: HouseholdCommandExecutor) {}
  execute(c: ReferralCommand): Promise<HouseholdCommandResult> {
    return this.executor.execute(c.command, c.actingWithin);
  }
}

@CommandHandler(EmploymentCommand)
export class EmploymentHandler implements ICommandHandler<EmploymentCommand, HouseholdCommandResult> {
  constructor(@Inject(HouseholdCommandExecutor) private readonly executor: HouseholdCommandExecutor) {}
  execute(c: EmploymentCommand): Promise<HouseholdCommandResult> {
    return this.executor.execute(c.command, c.actingWithin);
  }
}

@CommandHandler(ClearanceCommand)
export class ClearanceHandler implements ICommandHandler<ClearanceCommand, HouseholdCommandResult> {
  constructor(@Inject(HouseholdCommandExecutor) private readonly executor: HouseholdCommandExecutor) {}
  execute(c: ClearanceCommand): Promise<HouseholdCommandResult> {
    return this.executor.execute(c.command, c.actingWithin);
  }
}

@CommandHandler(ExitCommand)
export class ExitHandler implements ICommandHandler<ExitCommand, HouseholdCommandResult> {
  constructor(@Inject(HouseholdCommandExecutor) private readonly executor: HouseholdCommandExecutor) {}
  execute(c: ExitCommand): Promise<HouseholdCommandResult> {
    return this.executor.execute(c.command, c.actingWithin);
  }
}

@CommandHandler(CorrectionCommand)
export class CorrectionHandler implements ICommandHandler<CorrectionCommand, HouseholdCommandResult> {
  constructor(@Inject(HouseholdCommandExecutor) private readonly executor: HouseholdCommandExecutor) {}
  execute(c: CorrectionCommand): Promise<HouseholdCommandResult> {
    return this.executor.execute(c.command, c.actingWithin);
  }
}

export const HOUSEHOLD_COMMAND_HANDLERS = [
  RegistrationHandler, IdentificationHandler, TrainingHandler, ReferralHandler, EmploymentHandler, ClearanceHandler, ExitHandler, CorrectionHandler,
];
