import * as E from 'fp-ts/Either';
import type { Policy } from '@hearth/domain';
import { readPolicyFile } from '@hearth/ledger';
import { MAX_HOUSEHOLDS } from '@hearth/simulator';
import { rateLimitsFromEnv } from '../limits/rate-limit-settings';

/** What `npm start` is told by its arguments and environment. */
export interface StartOptions {
  readonly store: string;
  /** `sqlite:PATH` of the read models' own file (HEARTH_READ_MODELS). */
  readonly readModels?: string;
  readonly host: string;
  /** 0 asks the system for a free port (tests). */
  readonly port: number;
  /** A token file (HEARTH_TOKENS); without it, demo tokens on loopback only. */
  readonly tokensPath?: string;
  /** Size and seed of the demo region generated into an empty store. */
  readonly households: number;
  readonly seed: string;
  /** Generate the demo region into an empty store: by default only without HEARTH_TOKENS (docs/decisions/0031). */
  readonly demo: boolean;
  /** The programme's policy and its file (--policy, else HEARTH_POLICY); without one, the reference policy (docs/decisions/0178). */
  readonly policy?: { readonly path: string; readonly policy: Policy };
}

export const DEFAULT_STORE = 'sqlite:./data/hearth.db';
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 3000;
/** 4,000: generated, imported and projected in 49 s on this 2-core machine under a load average of 12 (5,000 took 61 s), well inside two minutes. */
export const DEFAULT_HOUSEHOLDS = 4000;
export const DEFAULT_SEED = 'hearth-demo';

export const HELP = `Usage: npm start [-- options]      (or: apps/api/bin/hearth-api.js [options])

Starts the Hearth service: the HTTP API, its OpenAPI document and the dashboard.
On an empty store it first generates a demo region with the simulator (seeded, 2016–2020),
records its division tree, imports its commands and builds the read models, with
progress on stderr — unless HEARTH_TOKENS is set (a real deployment's tokens: an empty
store then starts empty; --demo asks for the demo anyway). On a store that holds events
it just starts.

Options:
  --households <n>   households in the demo region generated into an empty store
                     (default: ${DEFAULT_HOUSEHOLDS}; 1 to ${MAX_HOUSEHOLDS.toLocaleString('en')})
  --seed <s>         the demo region's seed, any integer or word (default: ${DEFAULT_SEED})
  --demo, --no-demo  generate the demo region into an empty store, or never
                     (default: only when HEARTH_TOKENS is not set)
  --policy <file>    the programme's policy as JSON, as \`hearth --policy\` reads it: commands are
                     decided and reports computed under it (default: HEARTH_POLICY, else the
                     reference policy of docs/domain.md §3)
  -h, --help         this text

Environment:
  HEARTH_STORE       sqlite:PATH or kurrentdb://host:port?tls=false (also esdb://; user and password from
                     HEARTH_STORE_USERNAME, HEARTH_STORE_PASSWORD or HEARTH_STORE_PASSWORD_FILE) (default: ${DEFAULT_STORE})
  PORT               port to listen on (default: ${DEFAULT_PORT}; 0 picks a free one)
  HOST               address to listen on (default: ${DEFAULT_HOST}, loopback only)
  HEARTH_POLICY      a policy file, as --policy (which wins over it)
  HEARTH_READ_MODELS  sqlite:PATH of the read models' own file, kept by \`hearth project\` or
                     built by \`hearth rebuild --read-models\` (default: the SQLite store's own
                     file; on other stores, without it, the log is replayed into memory at start)
  HEARTH_TOKENS      a token file: a JSON array of {"token", "role", "division"?, "name"?},
                     role caseworker (with the division it may work in), auditor, analyst
                     or registrar (members' personal data only).
                     Without it the service starts only on loopback, with one demo token
                     per case role (caseworker, auditor, analyst; none for the registrar)
                     written to demo-tokens.json beside the store (mode 0600);
                     bound to any other address it refuses to start.
  HEARTH_MASTER_KEY_FILE  a file (mode 0600) holding the personal-data master key, 64 hex
                     digits (openssl rand -hex 32); or HEARTH_MASTER_KEY, the key itself.
                     Without either, members' personal data is not available (503).
  HEARTH_PERSONAL_DATA  sqlite:PATH of the personal-data file (default: personal-data.db
                     beside the store's file). See docs/personal-data.md.
  HEARTH_RATE_LIMIT  requests per second per token: RATE or RATE/BURST (burst default: twice
                     the rate), or off (default: off)
  HEARTH_RATE_LIMIT_ANONYMOUS  the same per address, for requests without a known token
                     (default: 50/500)

A signal while the read models catch up at start (minutes on a large store) stops after the
page being written; the next start resumes from there.

Exit codes: 0 stopped by SIGINT/SIGTERM (Ctrl-C); 2 usage error (a malformed option or
setting, HEARTH_RATE_LIMIT* included), bad token file, port in use,
or refusing to listen beyond loopback without tokens, or a store file that is no store; 6 the
machine failed: the disk is full, the store is locked or cannot be written, its server cannot
be reached (the line says why, where it can); 1 unexpected error.`;

export class UsageError extends Error {}

const positiveInt = (flag: string, v: string | undefined, max: number): number => {
  const n = Number(v);
  if (v === undefined || !/^\d+$/.test(v) || n < 1 || n > max) throw new UsageError(`${flag} must be a whole number from 1 to ${max}, got ${v === undefined ? 'nothing' : `"${v}"`}`);
  return n;
};

const policyFile = (path: string): NonNullable<StartOptions['policy']> => {
  const read = readPolicyFile(path);
  if (E.isLeft(read)) throw new UsageError(read.left);
  return { path, policy: read.right };
};

/** Reads arguments and environment; throws UsageError with a message for people. Returns 'help' for --help. */
export const parseStartOptions = (argv: readonly string[], env: NodeJS.ProcessEnv): StartOptions | 'help' => {
  let households = DEFAULT_HOUSEHOLDS;
  let seed = DEFAULT_SEED;
  let demo: boolean | undefined;
  let policyPath: string | undefined;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k] as string;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++k];
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--demo' && inline === undefined) demo = true;
    else if (flag === '--no-demo' && inline === undefined) demo = false;
    else if (flag === '--households') households = positiveInt('--households', value(), MAX_HOUSEHOLDS);
    else if (flag === '--policy') {
      const p = value();
      if (p === undefined || p.trim() === '') throw new UsageError('--policy needs a file');
      policyPath = p;
    }
    else if (flag === '--seed') {
      const s = value();
      if (s === undefined || s.trim() === '') throw new UsageError('--seed needs a value');
      seed = s;
    } else throw new UsageError(`unknown argument "${a}"`);
  }
  const portText = env['PORT'] ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`PORT must be a port number from 0 to 65535, got "${portText}"`);
  // Read again where the app is made; checked here so that a malformed rate is a usage error (exit 2) before the store is opened or a demo region generated.
  try {
    rateLimitsFromEnv(env);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const host = env['HOST'] !== undefined && env['HOST'] !== '' ? env['HOST'] : DEFAULT_HOST;
  const store = env['HEARTH_STORE'] !== undefined && env['HEARTH_STORE'] !== '' ? env['HEARTH_STORE'] : DEFAULT_STORE;
  const tokensPath = env['HEARTH_TOKENS'] !== undefined && env['HEARTH_TOKENS'] !== '' ? env['HEARTH_TOKENS'] : undefined;
  const readModels = env['HEARTH_READ_MODELS'] !== undefined && env['HEARTH_READ_MODELS'] !== '' ? env['HEARTH_READ_MODELS'] : undefined;
  policyPath ??= env['HEARTH_POLICY'] !== undefined && env['HEARTH_POLICY'] !== '' ? env['HEARTH_POLICY'] : undefined;
  // Read now, so that a bad file is a usage error before the store is opened or a demo region generated.
  const policy = policyPath === undefined ? undefined : policyFile(policyPath);
  return {
    store, host, port, households, seed, demo: demo ?? tokensPath === undefined,
    ...(policy !== undefined ? { policy } : {}),
    ...(tokensPath !== undefined ? { tokensPath } : {}),
    ...(readModels !== undefined ? { readModels } : {}),
  };
};

/** The seed as the simulator takes it: an integer when it reads as one, else the word. */
export const simulatorSeed = (seed: string): number | string =>
  /^-?\d+$/.test(seed) && Number.isSafeInteger(Number(seed)) ? Number(seed) : seed;
