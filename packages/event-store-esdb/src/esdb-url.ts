/**
 * Checks an EventStoreDB connection string before the client parses it, so that a store
 * URL that is not one fails with a message naming the setting.
 *
 * Accepted: `esdb://host:port[,host:port…][?key=value&…]` (single node, or a seed list
 * for gossip) and `esdb+discover://host:port[?…]` (DNS discovery). Typical workstation
 * value: `esdb://localhost:2113?tls=false`. The query keys (`tls`, `tlsVerifyCert`,
 * `keepAliveInterval`, `defaultDeadline`, `nodePreference`, …) are the client's own.
 */
export interface EsdbUrl {
  /** What to give `EventStoreDBClient.connectionString`. */
  connectionString: string;
  discover: boolean;
  hosts: { host: string; port: number }[];
  /** `false` only when the URL says `tls=false` (the client's default is TLS on). */
  tls: boolean;
}

const SCHEME = /^esdb(\+discover)?:\/\//i;

export const parseEsdbUrl = (url: string): EsdbUrl => {
  const scheme = SCHEME.exec(url);
  if (!scheme) throw new Error(`not an EventStoreDB url: "${url}" (expected esdb://host:port?tls=false)`);
  const rest = url.slice(scheme[0].length);
  const [authorityAndPath = '', query = ''] = rest.split('?', 2);
  const authority = authorityAndPath.replace(/\/+$/, '');
  // Credentials (user:pass@) are the client's business; they are not parsed or logged here.
  const hostList = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
  if (hostList.length === 0) throw new Error(`missing host in EventStoreDB url "${redact(url)}"`);
  const hosts = hostList.split(',').map((entry) => {
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
    if (!match?.[1]) throw new Error(`bad host "${entry}" in EventStoreDB url "${redact(url)}"`);
    const port = match[2] === undefined ? 2113 : Number(match[2]);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`bad port in EventStoreDB url "${redact(url)}"`);
    return { host: match[1], port };
  });
  const params = new URLSearchParams(query);
  const tlsSetting = [...params.entries()].find(([key]) => key.toLowerCase() === 'tls')?.[1];
  return {
    connectionString: url,
    discover: scheme[1] !== undefined,
    hosts,
    tls: tlsSetting === undefined ? true : tlsSetting.toLowerCase() !== 'false',
  };
};

/** The url without credentials, for error messages. */
export const redact = (url: string): string => url.replace(/(:\/\/)[^@/?]*@/, '$1***@');
