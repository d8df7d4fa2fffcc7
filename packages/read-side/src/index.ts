/**
 * @hearth/read-side — a ledger plus its read models, caught up and following live: the
 * one read side the CLI and the NestJS service both use (reports, histories, verify).
 */
export { ReadSide, type ReadSideOptions } from './read-side';
export { Projector, type ProjectorOptions, type ProjectorState, type ProjectorStatus } from './projector';
export { logUpTo } from './log-up-to';
export { NoDivisionTreeError } from './no-division-tree-error';
export { ReadModelsNotReadyError } from './read-models-not-ready-error';
export type { ReadModelCheckProgress, ReadModelDifference, ReadModelVerification } from './read-model-check';
