/**
 * @hearth/ledger — the application around the domain: a store chosen by one URL, the
 * division tree in force, the policy, command handlers wired to the household Decider,
 * and the batched, checkpointed importer. The CLI uses it; an HTTP service would too.
 */
export { BATCH_CACHE_HOUSEHOLDS, BATCH_CACHE_MAX_HOUSEHOLDS, Ledger, SCHEMA_VERSION, SYSTEM_ACTOR, type LedgerOptions, type DivisionTreeRefusal, type DivisionTreeRecording } from './ledger';
export type { HouseholdRefusal } from './division-reorganisation';
export { HEARTH_STREAM_PREFIXES, maskStoreUrl, openStore } from './open-store';
export { describeMachineFailure, isDiskFull, type MachineFailure } from './machine-failure';
export { describePathProblem } from './path-problem';
export { readJsonFile } from './json-file';
export { readPolicyFile } from './policy-file';
export { importCommands, type ImportOptions, type ImportSummary, type RejectedLine } from './import/importer';
export { ImportStoppedError, type ImportStopReason } from './import/import-stopped-error';
export { describePartialBatch } from './import/import-stop-message';
export { CheckpointTooLargeError } from './import/checkpoint-too-large-error';
export type { PartialBatch } from './import/partial-batch';
export { lineCommandId } from './import/line-command-id';
export { FileChangedError, type FileFingerprint, fingerprintFile } from './import/file-fingerprint';
export { fingerprintOfText, fingerprintText } from './import/fingerprint-handoff';
export { REGROUP_HOUSEHOLDS_PER_PART, regroupCommands, type LeftOutLine, type RegroupOptions, type RegroupProgress, type RegroupSummary } from './import/regroup';
export { readLineCommand, MAX_LINE_BYTES } from './import/read-line-command';
export { TOO_LARGE_FOR_STORE } from './import/too-large-line';
export { CODEC_REFUSAL_KEPT, kept as keptRejection } from './import/rejected-line';
export { importPartStream, importStream, readImportCheckpoint, type ImportCheckpoint } from './import/import-checkpoint';
export { householdPart, type ImportPart, MAX_IMPORT_PARTS, parseImportPart, partName, PART_RULE } from './import/import-part';
export { IMPORT_SPLIT, ImportSplitMismatchError, type ImportShape } from './import/import-split';
export { mergeImportSummaries } from './import/merge-summaries';
export { BATCH_ANSWER_STREAM_PREFIX, batchAnswerStream } from './batch-answer/batch-answer-stream';
export {
  BATCH_ANSWERED,
  lookUpBatchAnswer,
  recordBatchAnswer,
  type BatchAnswer,
  type BatchAnswerLookup,
  type BatchAnswerRecord,
  type BatchAnswerRecording,
} from './batch-answer/recorded-batch-answer';
export { migrateLog, type MigrationOptions, type MigrationSummary } from './migrate/migrate-log';
export { copyLog, type CopyOptions, type CopyProgress, type CopyResult } from './migrate/copy-log';
export { compareStores, type StoreComparison, type StoreDifference } from './migrate/compare-stores';
export { MigrationDifferenceError } from './migrate/migration-difference-error';
