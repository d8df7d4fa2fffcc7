export { EsdbEventStore, openEsdbEventStore, toPortPosition, type EsdbEventStoreOptions } from './esdb-event-store';
export { parseEsdbUrl, type EsdbUrl } from './esdb-url';
export * as testing from './testing';
