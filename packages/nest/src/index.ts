/** @hearth/nest — HearthModule: the ledger and its read side on @nestjs/cqrs buses. */
export { HearthModule } from './hearth.module';
export type { HearthModuleOptions, HearthModuleAsyncOptions } from './hearth-module-options';
export { HEARTH_LEDGER, HEARTH_READ_SIDE } from './tokens';
export {
  householdBusCommand, RegistrationCommand, IdentificationCommand, TrainingCommand, ReferralCommand, EmploymentCommand, ClearanceCommand,
  ExitCommand, CorrectionCommand, type HouseholdFamilyCommand, type HouseholdCommandResult, type AcceptedHouseholdCommand,
} from './commands/household-bus-commands';
export { RecordDivisionTreeCommand, type DivisionTreeResult } from './commands/record-division-tree';
export { HouseholdEventAccepted } from './events/household-event-accepted';
export {
  ClearanceReportQuery, DisclosedClearanceQuery, DisclosedProgressQuery, MonthlyReportQuery, ProgressReportQuery, ReportTablesQuery, MonthsOfYearQuery, BacklogReportQuery,
  type MonthsOfYear, type ReportTables, type ReportTablesPeriod, type PeriodScope,
} from './queries/report-queries';
export {
  HouseholdHistoryQuery, VerifyLogQuery, LateRecordingsQuery, DivisionTreeQuery, ReadModelStatusQuery, type DivisionTreeView,
} from './queries/audit-queries';
export { AnchorQuery } from './queries/anchor-query';
export { InvalidQueryError } from './queries/invalid-query-error';
export { HearthReadSide, type ReadModelLiveness, type ReadModelStatus } from './read-side/hearth-read-side';
export { ModuleShutDownError } from './read-side/module-shut-down-error';
export { StartStoppedError } from './read-side/start-stopped-error';
export { SERVICE_SPREAD_LOG_HINT } from './read-side/catch-up-log';
export { UnknownDivisionError, UnknownHouseholdError } from '@hearth/projections';
export { NoDivisionTreeError, ReadModelsNotReadyError } from '@hearth/read-side';
