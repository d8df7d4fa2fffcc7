export { EsdbEventStore } from './esdb-event-store';
export { openEsdbEventStore } from './open-esdb-event-store';
export type { EsdbEventStoreOptions } from './esdb-event-store-options';
export { toPortPosition } from './esdb-mapping';
export { AppendSizeLimitError, DEFAULT_MAX_APPEND_EVENT_SIZE, DEFAULT_MAX_APPEND_SIZE, eventSizeOnDisk, type ServerSizeLimit } from './append-size';
export { isEsdbUrl, parseEsdbUrl, type EsdbUrl, type StoreCredentials } from './esdb-url';
export { storeCredentialsFromEnv } from './store-credentials';
