/**
 * @hearth/ledger — the application around the domain: a store chosen by one URL, the
 * division tree in force, the policy, command handlers wired to the household Decider,
 * and the batched, checkpointed importer. The CLI uses it; an HTTP service would too.
 */
export { Ledger, SCHEMA_VERSION, SYSTEM_ACTOR, type LedgerOptions } from './ledger';
export { openStore } from './open-store';
export { importCommands, type ImportOptions, type ImportSummary, type RejectedLine } from './import/importer';
export { ImportStoppedError, type ImportStopReason } from './import/import-stopped-error';
export { lineCommandId } from './import/line-command-id';
export { readLineCommand, MAX_LINE_BYTES } from './import/read-line-command';
export { importStream, readImportCheckpoint, type ImportCheckpoint } from './import/import-checkpoint';
