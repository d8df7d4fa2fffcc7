export type { EventMetadata, EventToAppend, RecordedEvent } from './envelope';
export { canonicalJson, NonCanonicalValueError } from './canonical-json-or-throw';
export { metadataProblem } from './envelope';
export {
  checkLinks,
  eventHash,
  GENESIS_HASH,
  HASH_FORMAT,
  hashFormatOf,
  sealEvents,
  UnknownHashFormatError,
  verifyStream,
  type HashedContent,
  type LinkCheck,
  type LinkProblem,
  type StreamVerification,
  type UnsealedEvent,
} from './hash-chain';
export { DamagedEventError, isDamagedEventError } from './damaged-event-error';
export { CopyInProgressError } from './copy-in-progress-error';
export { isProcessAlive } from './process-alive';
export type {
  AppendResult,
  EmbeddedReadModels,
  EventStore,
  ExpectedVersion,
  IssuedPositions,
  OnlineCopy,
  OnlineCopyProgress,
  ReadAllOptions,
  ReadStreamOptions,
  StoredStream,
  StoredTextReads,
  StoredTexts,
  StreamAppend,
  StreamCursor,
  StreamOrderedFeed,
  SubscribeToAllOptions,
  Subscription,
} from './event-store';
export { APPEND_TOO_LARGE, isAppendOverLimitError, type AppendLimit, type AppendOverLimit } from './append-limit';
export { matchesExpectedVersion } from './expected-version';
export { feedPages, logPages, type LogPagesOptions } from './log-pages';
export { isWrongExpectedVersionError, WrongExpectedVersionError } from './wrong-expected-version-error';
export { DuplicateEventIdError } from './duplicate-event-id-error';
export { StoreUnavailableError } from './store-unavailable-error';
export { isBusyError } from './sqlite-busy-error';
export { errorCodeOf, errorPathOf } from './error-code';
export { InMemoryEventStore } from './in-memory-event-store';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';
export { LATEST_SCHEMA_VERSION, UnsupportedSchemaVersionError } from './sqlite-schema';
export { openEventStore } from './open-event-store';
export { sqliteStorePath } from './sqlite-store-path';
export { logOfSqliteFile } from './sqlite-log-identity';
export { maskStoreUrl } from './mask-store-url';
export type { CommandEnvelope, Decider, EventMeta } from './decider';
export { passThroughCodec, type EventCodec } from './event-codec';
export { householdEventCodec } from './household-event-codec';
export type { AcceptedEvent, CommandResult } from './command-result';
export { CommandHandler } from './command-handler';
export type { CommandHandlerOptions } from './folding-command-handler';
export { foldRecorded, initialFold, type StreamFold } from './stream-fold';
export { BatchCommandHandler, type BatchCommandHandlerOptions, type BatchWrites, type HandleManyOptions } from './batch-command-handler';
export type { BatchDecision, BatchResult, BatchStatus, TooLargeForStore } from './batch-result';
export { LruCache } from './lru-cache';
export { uuidV7, uuidV7Generator } from './uuid-v7';
export { isoClock, isoNow } from './iso-clock';
export { feedEventOf, OCCURRED_ON_NOT_A_DATE, readFeed, type FeedEvent } from './feed-event';
export { readStreamAsStored, type StreamAsStored } from './stored-stream';
