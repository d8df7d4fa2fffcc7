import { maskStoreUrl } from '@hearth/event-store';

/**
 * Checks a KurrentDB / EventStoreDB connection string before the client parses it, so
 * that a store URL that is not one fails with a message naming the setting, and turns it
 * into what the client is given.
 *
 * Accepted: `kurrentdb://host:port[,host:port…][?key=value&…]` (single node, or a seed
 * list for gossip) and `kurrentdb+discover://host:port[?…]` (DNS discovery); `esdb://` and
 * `esdb+discover://` mean the same (existing users' URLs keep working). Typical
 * workstation value: `kurrentdb://localhost:2113?tls=false`. The query keys (`tls`,
 * `tlsVerifyCert`, `tlsCAFile`, `keepAliveInterval`, `defaultDeadline`, `nodePreference`, …)
 * are the client's own (`defaultDeadline`, in ms, also bounds how long the adapter waits
 * for a silent node: decision 0155), except `maxAppendSize`, which is Hearth's: the server's append
 * limit in bytes when it is not the default 1 MiB (taken out before the client sees it).
 */
export interface EsdbUrl {
  /** What to give `KurrentDBClient.connectionString`: the `kurrentdb` scheme, no `maxAppendSize`, credentials encoded in. */
  connectionString: string;
  discover: boolean;
  hosts: { host: string; port: number }[];
  /** `false` only when the URL says `tls=false` (the client's default is TLS on). */
  tls: boolean;
  /** `false` only when the URL says `tlsVerifyCert=false`. */
  tlsVerifyCert: boolean;
  /** The URL's `tlsCAFile`, if given: the file of the CA the server's certificate is checked against. */
  tlsCAFile: string | undefined;
  /** `maxAppendSize` from the URL, if given. */
  maxAppendSize: number | undefined;
  /** `defaultDeadline` from the URL, if given (ms): the client's deadline, and the adapter's bound on a node's silence. */
  defaultDeadline: number | undefined;
  /** Whether the URL itself carried `user:password@`. */
  hasCredentials: boolean;
}

export interface StoreCredentials {
  username: string;
  password: string;
}

const SCHEME = /^(?:kurrentdb|esdb)(\+discover)?:\/\//i;

/** Whether a store URL selects KurrentDB / EventStoreDB (the schemes this package accepts). */
export const isEsdbUrl = (url: string): boolean => SCHEME.test(url);

export const parseEsdbUrl = (url: string, credentials?: StoreCredentials): EsdbUrl => {
  const scheme = SCHEME.exec(url);
  if (!scheme) {
    throw new Error(`not a KurrentDB / EventStoreDB url: "${maskStoreUrl(url)}" (expected kurrentdb://host:port?tls=false)`);
  }
  const rest = url.slice(scheme[0].length);
  const [authorityAndPath = '', query = ''] = rest.split('?', 2);
  const authority = authorityAndPath.replace(/\/+$/, '');
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : undefined;
  const hostList = at >= 0 ? authority.slice(at + 1) : authority;
  const where = `in KurrentDB url "${maskStoreUrl(url)}"`;
  if (hostList.length === 0) throw new Error(`missing host ${where}`);
  const hosts = hostList.split(',').map((entry) => {
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
    if (!match?.[1]) throw new Error(`bad host "${entry}" ${where}`);
    const port = match[2] === undefined ? 2113 : Number(match[2]);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`bad port ${where}`);
    return { host: match[1], port };
  });
  if (userinfo !== undefined && !/^[^:]+:.+$/.test(userinfo)) throw new Error(`credentials ${where} must be user:password`);
  if (userinfo !== undefined && credentials !== undefined) {
    throw new Error(`credentials given twice: ${where} and in HEARTH_STORE_USERNAME / HEARTH_STORE_PASSWORD; give them once`);
  }
  const params = new URLSearchParams(query);
  const setting = (name: string): string | undefined => [...params.entries()].find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  const tlsSetting = setting('tls');
  const sizeSetting = setting('maxAppendSize');
  let maxAppendSize: number | undefined;
  if (sizeSetting !== undefined) {
    maxAppendSize = Number(sizeSetting);
    if (!Number.isSafeInteger(maxAppendSize) || maxAppendSize <= 0) throw new Error(`maxAppendSize must be a positive number of bytes ${where}`);
  }
  const deadlineSetting = setting('defaultDeadline');
  let defaultDeadline: number | undefined;
  if (deadlineSetting !== undefined) {
    defaultDeadline = Number(deadlineSetting);
    if (!Number.isSafeInteger(defaultDeadline) || defaultDeadline <= 0) throw new Error(`defaultDeadline must be a positive number of milliseconds ${where}`);
  }
  const clientQuery = query
    .split('&')
    .filter((pair) => pair.length > 0 && pair.split('=')[0]?.toLowerCase() !== 'maxappendsize')
    .join('&');
  const auth = credentials ? `${encodeURIComponent(credentials.username)}:${encodeURIComponent(credentials.password)}@` : userinfo !== undefined ? `${userinfo}@` : '';
  return {
    connectionString: `kurrentdb${scheme[1] ?? ''}://${auth}${hostList}${clientQuery.length > 0 ? `?${clientQuery}` : ''}`,
    discover: scheme[1] !== undefined,
    hosts,
    tls: tlsSetting === undefined ? true : tlsSetting.toLowerCase() !== 'false',
    tlsVerifyCert: setting('tlsVerifyCert')?.toLowerCase() !== 'false',
    tlsCAFile: setting('tlsCAFile'),
    maxAppendSize,
    defaultDeadline,
    hasCredentials: userinfo !== undefined,
  };
};
