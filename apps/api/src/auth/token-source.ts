/**
 * Where the service's tokens come from, decided before it starts (the `start` engineer
 * wires this into main.ts): a token file named by HEARTH_TOKENS always wins; without
 * one the service starts only when bound to loopback, with demo tokens written to a
 * file whose path it prints; bound to anything else it refuses to start.
 */
export type TokenSource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'demo'; readonly path: string }
  | { readonly kind: 'refuse'; readonly reason: string };

const LOOPBACK_NAMES = new Set(['localhost', 'ip6-localhost', 'ip6-loopback']);

/** True for a host that only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export const isLoopbackHost = (host: string): boolean => {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (LOOPBACK_NAMES.has(h)) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.replace(/^::ffff:/, '');
  const octets = v4.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
};

export const tokenSource = (opts: { host: string; tokensPath: string | undefined; demoTokensPath: string }): TokenSource => {
  if (opts.tokensPath !== undefined && opts.tokensPath !== '') return { kind: 'file', path: opts.tokensPath };
  if (isLoopbackHost(opts.host)) return { kind: 'demo', path: opts.demoTokensPath };
  return {
    kind: 'refuse',
    reason: `refusing to listen on ${opts.host} without tokens: set HEARTH_TOKENS to a token file (a JSON array of {"token", "role", "division"?, "name"?}), or bind to 127.0.0.1`,
  };
};
