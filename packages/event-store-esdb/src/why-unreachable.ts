import { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { connect as h2Connect } from 'node:http2';
import { isIP, connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { errorCodeOf } from '@hearth/event-store';

/** Where and how the client was told to connect (from the store URL, esdb-url.ts). */
export interface ProbeTarget {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly tlsVerifyCert: boolean;
  readonly tlsCAFile: string | undefined;
}

export interface ProbeOptions {
  /** How long each step may wait for an answer. */
  readonly timeoutMs?: number;
  /** Name resolution; a test passes its own. */
  readonly lookup?: (host: string) => Promise<LookupAddress>;
}

const DEFAULT_TIMEOUT_MS = 3_000;

/** The TLS errors that mean the certificate was not trusted, rather than that no TLS was spoken. */
const CERTIFICATE_ERRORS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_UNTRUSTED', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const codeOf = (e: unknown): string => errorCodeOf(e) ?? String((e as Error)?.message ?? e);

/** Why a server is out of reach, and what to do about it when that is not just "start it". */
export interface Unreachable {
  readonly why: string;
  readonly remedy?: string;
}

/** One step's outcome: it got through, or why not. */
type Step = { readonly ok: true } | ({ readonly ok: false } & Unreachable);
const passed: Step = { ok: true };
const failed = (why: string, remedy?: string): Step => ({ ok: false, why, ...(remedy === undefined ? {} : { remedy }) });
const ADDRESS = 'check the address in the store URL and that this machine can reach it';

/** Settles `step` with the first of its callbacks to fire, or with `onTimeout` after `ms`; `end` frees what it opened. */
const race = (ms: number, onTimeout: Step, start: (settle: (s: Step) => void) => () => void): Promise<Step> =>
  new Promise((resolve) => {
    let done = false;
    let end: () => void = () => undefined;
    const settle = (s: Step) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      end();
      resolve(s);
    };
    const timer = setTimeout(() => settle(onTimeout), ms);
    end = start(settle);
  });

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** The host as a name or an address, without the brackets an IPv6 address has in a URL (kept in `host` for messages and the HTTP/2 URL). */
const hostName = (t: ProbeTarget): string => t.host.replace(/^\[|\]$/g, '');

const resolves = async (t: ProbeTarget, lookup: NonNullable<ProbeOptions['lookup']>): Promise<Step> => {
  const name = hostName(t);
  if (isIP(name) !== 0) return passed;
  try {
    await lookup(name);
    return passed;
  } catch (e) {
    const code = codeOf(e);
    return failed(code === 'ENOTFOUND' ? `the name "${name}" does not resolve` : `the name "${name}" cannot be looked up (${code})`, 'check the host name in the store URL');
  }
};

const accepts = (t: ProbeTarget, ms: number): Promise<Step> => {
  const where = `${t.host}:${t.port}`;
  return race(ms, failed(`${where} did not accept a connection within ${seconds(ms)}`, ADDRESS), (settle) => {
    const socket = tcpConnect({ host: hostName(t), port: t.port });
    socket.once('connect', () => settle(passed));
    socket.once('error', (e) => {
      const code = codeOf(e);
      if (code === 'ECONNREFUSED') settle(failed(`nothing listens on ${where} (connection refused)`));
      else if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') settle(failed(`no route to ${where} (${code})`, ADDRESS));
      else settle(failed(`cannot connect to ${where} (${code})`, ADDRESS));
    });
    return () => socket.destroy();
  });
};

/**
 * A port that takes the connection and then sends nothing at all. A TLS mismatch is answered
 * at once (a TLS server closes on HTTP/2 in the clear within milliseconds; a server in the
 * clear answers a TLS hello with bytes that are no TLS), so silence is a server that hangs or
 * is overloaded (decision 155's hung node), or something in between that accepts for it.
 */
const silent = (where: string, ms: number): Step =>
  failed(`${where} accepts connections but sent nothing within ${seconds(ms)}: the server hangs or is overloaded (a TLS mismatch is answered at once)`, "check the server's process and host, and whatever forwards connections to it");

const speaksTls = (t: ProbeTarget, ms: number): Promise<Step> => {
  const where = `${t.host}:${t.port}`;
  const notTls = (detail: string) => failed(`${where} accepts connections but completes no TLS handshake (${detail})`, 'if the server runs without TLS, add tls=false to the URL');
  let ca: Buffer | undefined;
  try {
    ca = t.tlsCAFile === undefined ? undefined : readFileSync(t.tlsCAFile);
  } catch (e) {
    return Promise.resolve(failed(`the URL's tlsCAFile "${t.tlsCAFile}" cannot be read (${codeOf(e)})`, 'check the tlsCAFile path'));
  }
  const name = hostName(t);
  return race(ms, silent(where, ms), (settle) => {
    const socket = tlsConnect({ host: name, port: t.port, ALPNProtocols: ['h2'], rejectUnauthorized: t.tlsVerifyCert, ...(ca ? { ca } : {}), ...(isIP(name) === 0 ? { servername: name } : {}) });
    socket.once('secureConnect', () => settle(passed));
    socket.once('error', (e) => {
      const code = codeOf(e);
      settle(CERTIFICATE_ERRORS.has(code) ? failed(`the TLS certificate of ${where} is not trusted here (${code})`, 'give its CA with tlsCAFile=… in the URL') : notTls(code));
    });
    return () => socket.destroy();
  });
};

const speaksPlainHttp2 = (t: ProbeTarget, ms: number): Promise<Step> => {
  const where = `${t.host}:${t.port}`;
  const notH2 = (detail: string) => failed(`${where} accepts connections but does not answer gRPC without TLS (${detail})`, 'if the server uses TLS, leave out tls=false');
  return race(ms, silent(where, ms), (settle) => {
    const session = h2Connect(`http://${t.host}:${t.port}`);
    // The server's SETTINGS frame: it speaks HTTP/2 in the clear, as gRPC without TLS does.
    session.once('remoteSettings', () => settle(passed));
    session.once('error', (e) => settle(notH2(codeOf(e))));
    session.once('close', () => settle(notH2('it closed the connection')));
    return () => session.destroy();
  });
};

/**
 * Why a KurrentDB server the client could not reach is out of reach, as far as this machine
 * can tell: the name does not resolve, nothing listens on the port, no route, no answer, no
 * TLS where the URL asks for it, an untrusted certificate, or TLS where the URL says
 * tls=false. The client's own error says only "UnavailableError". Undefined when every step
 * gets through (the server answers HTTP/2; what failed was the client's call itself).
 */
export const whyUnreachable = async (t: ProbeTarget, options: ProbeOptions = {}): Promise<Unreachable | undefined> => {
  const ms = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const steps = [
    () => resolves(t, options.lookup ?? ((host) => dnsLookup(host))),
    () => accepts(t, ms),
    () => (t.tls ? speaksTls(t, ms) : speaksPlainHttp2(t, ms)),
  ];
  for (const step of steps) {
    const outcome = await step();
    if (!outcome.ok) return outcome.remedy === undefined ? { why: outcome.why } : { why: outcome.why, remedy: outcome.remedy };
  }
  return undefined;
};
