import { StoreUnavailableError } from '@hearth/event-store';
import { EsdbEventStore } from './esdb-event-store';
import type { EsdbEventStoreOptions } from './esdb-event-store-options';
import { parseEsdbUrl, type EsdbUrl } from './esdb-url';
import { type Unreachable, whyUnreachable } from './why-unreachable';

/** Opens a store on `kurrentdb://host:port?tls=false` (or any connection string the client accepts) and checks that the server answers. */
export const openEsdbEventStore = async (url: string, options: EsdbEventStoreOptions = {}): Promise<EsdbEventStore> => {
  const store = EsdbEventStore.connect(url, options);
  try {
    await store.streamVersion('hearth-connection-check');
  } catch (error) {
    await store.close();
    throw error instanceof StoreUnavailableError ? await withReason(error, parseEsdbUrl(url, options.credentials)) : error;
  }
  return store;
};

/** The same failure, saying why each of the URL's hosts is out of reach where this machine can tell (why-unreachable.ts). */
const withReason = async (error: StoreUnavailableError, url: EsdbUrl): Promise<StoreUnavailableError> => {
  const found = await Promise.all(url.hosts.map((h) => whyUnreachable({ ...h, tls: url.tls, tlsVerifyCert: url.tlsVerifyCert, tlsCAFile: url.tlsCAFile })));
  const told = found.filter((r): r is Unreachable => r !== undefined);
  if (told.length === 0) return error;
  const remedy = told.find((r) => r.remedy !== undefined)?.remedy;
  return new StoreUnavailableError(error.message, { cause: error.cause, reason: told.map((r) => r.why).join('; '), ...(remedy === undefined ? {} : { remedy }) });
};
