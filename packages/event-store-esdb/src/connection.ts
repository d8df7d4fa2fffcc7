/**
 * What choosing and configuring a KurrentDB store needs without loading the client and its
 * gRPC stack (`@hearth/event-store-esdb/connection`): a composition root tells a KurrentDB
 * URL from any other and reads the credentials from here, and loads the adapter itself
 * only for such a URL, so that commands on the embedded store do not pay its start-up.
 */
export { isEsdbUrl, parseEsdbUrl, type EsdbUrl, type StoreCredentials } from './esdb-url';
export { storeCredentialsFromEnv } from './store-credentials';
