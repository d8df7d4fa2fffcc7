/**
 * @hearth/projections — the read side of Hearth: projections of the household streams
 * into SQLite facts, the runner that keeps them up to date, the report queries of
 * domain.md §5, an independent direct computation of the same reports, and the audit.
 */
export { openProjections, type Projections, type ProjectionsOptions, type ReadModelView } from './open-projections';
export type { Projection, ProjectionSettling, ProjectionWriter, SecondaryIndex } from './projection';
export type { ProjectedEvent, CorrectedEvent } from './projected-event';
export { ALL_PROJECTIONS, projectionsFor } from './projections/all-projections';
export { HouseholdStatusProjection, nextStatus } from './projections/household-status.projection';
export { LaborConcernProjection } from './projections/labor-concern.projection';
export { projectionNameToday, RETIRED_PROJECTIONS, type RetiredProjection } from './projections/retired-projections';
export { DivisionCountersProjection, divisionCountersProjection } from './projections/division-counters.projection';
export { ProgressCountersProjection } from './projections/progress-counters.projection';
export { eventFactsProjection, type EventFactsSpec, type FactSource } from './projections/event-facts-projection';
export { ProjectionRunner, type RebuildOptions, type RunnerOptions, type RunnerProgress } from './runner/projection-runner';
export { exclusiveRebuildWouldHelp } from './runner/stream-builds';
export { onceSpread } from './runner/spread-notice';
export type { Checkpoint } from './storage/checkpoints';
export { compareRowValues, type ReadModelRows } from './storage/read-model-rows';
export { ReadModelsBusyError } from './storage/write-lock';
export { readModelPath, ReadModelsUrlError } from './storage/read-model-file';
export { ReadModelsOfAnotherLogError } from './storage/read-model-source';
export { ReadModelsAheadOfLogError } from './storage/read-models-ahead-of-log-error';
export { isLogFinding } from './storage/log-finding';
export { Reports } from './reports/reports';
export type { ClearanceQuery } from './reports/clearance-report';
export type { MonthQuery } from './reports/monthly-report';
export type { BacklogOptions, BacklogQuery } from './reports/backlog-report';
export type { HouseholdStatusQuery } from './reports/household-status-report';
export * from './reports/read-models';
export { UnknownDivisionError } from './reports/division-scope';
export { suppress, type Suppressed, type SuppressedRow, type SuppressedTable } from './reports/suppress';
export { discloseReport, reportFromSubtree, suppressSubtree, suppressTables, type ReportScope, type SubtreeReport } from './reports/suppress-report';
export { ANNUAL_OF_MONTHLY, cutClearanceYear, suppressClearanceYear, type ClearanceYear } from './reports/suppress-clearance-year';
export { monthsOf } from './reports/monthly-report';
export { monthsOfYear, monthsOfYearCuts, type YearOfMonths } from './reports/months-of-year';
export { MONTHLY_IDENTITY, parentsIn, type ParentOf } from './reports/suppress-relations';
export { AnswersAtPosition } from './reports/answers-at-position';
export { SuppressionMemo } from './reports/suppression-memo';
export { backlogCountsByDivision, type BacklogCounts } from './reports/suppress-backlog';
export { DirectReports } from './direct/direct-reports';
export { HouseholdLedger, type HouseholdHistory } from './direct/household-ledger';
export { householdsEverIn, type HouseholdsEverIn } from './direct/households-ever-in';
export { villagesOf } from './direct/villages-of';
export type { LogReadOptions } from './direct/log-read-options';
export { householdHistory, UnknownHouseholdError, type HouseholdHistoryView } from './audit/household-history';
export { isKnownAt, KNOWN_AT_FORMAT, KNOWN_AT_OFFSETS, knownPrefix, parseKnownAt, type KnownAt } from './audit/known-at';
export { verifyLog, type LogFinding, type LogVerification, type VerifyOptions } from './audit/verify-log';
export { lateRecordingsPage, type LateRecordingsPage, type LateRecordingsPageOptions } from './audit/late-recordings-page';
export { anchorLog, type AnchorOptions } from './audit/log-anchor';
export { verifyAnchor, type VerifyAnchorOptions } from './audit/verify-anchor';
export { parseAnchor, type ParsedAnchor } from './audit/anchor-parse';
export { merkleRoot, leafData, sortHeads, type StreamHead } from './audit/anchor-merkle';
export { AnchorKeyError, anchorDigest, checkSeal, publicKeyFingerprint, type AnchorSignature, type LogAnchor, type SealProblem } from './audit/anchor-statement';
export { ReportAside, ReportAsideClosedError } from './aside/report-aside';
export { ReportWorkerError } from './aside/aside-messages';
export { ASIDE_REPORTS, callReport, type AsideReport, type ReportAnswer, type ReportCall } from './aside/report-call';
export { CUT_REPORTS, cutReport, ReportCutError, type CutReport, type ReportCut } from './aside/report-cut';
