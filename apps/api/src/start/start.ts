import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { maskStoreUrl } from '@hearth/ledger';
import { isPersonalDataError, PersonalDataStore } from '@hearth/personal-data';
import { SIMULATED_YEARS } from '@hearth/simulator';
import { StartStoppedError } from '@hearth/nest';
import { createApp } from '../app';
import { isLoopbackHost, tokenSource, TokenEntry } from '../auth';
import { demoTokensPathFor, prepareStore } from './demo-store';
import { catchUpAtStart } from './read-models-at-start';
import { ensurePortFree, portInUse } from './port-check';
import { simulatorSeed, StartOptions, UsageError } from './start-options';
import { demoTokenFile, readTokenFile } from './token-files';
import { personalDataOptionsFromEnv, type PersonalDataOptions } from '../personal-data/personal-data-options';

export interface StartIo {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown; isTTY?: boolean };
  /** Set once SIGINT/SIGTERM arrived: generation stops between batches. */
  readonly stopRequested: () => boolean;
}

export interface RunningService {
  readonly url: string;
  readonly app: INestApplication;
}

/** How people reach a listening address: loopback and wildcard binds read as localhost. */
export const publicUrl = (host: string, port: number): string => {
  const shown = isLoopbackHost(host) || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
};

/**
 * The personal-data file and master key from the environment, the key read once now so a
 * bad one is a usage error before anything starts; and tried on the file when there is one,
 * so that a key the file was not written under (or a file that is not a personal-data
 * store) stops the start in one line, exit 2, as docs/personal-data.md says, not as a bug
 * with a stack trace once the service is half up.
 */
const personalDataSettings = (store: string): PersonalDataOptions | undefined => {
  let settings: PersonalDataOptions | undefined;
  let key: Buffer | undefined;
  try {
    settings = personalDataOptionsFromEnv(store, process.env);
    key = settings?.masterKey.read();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (settings === undefined || key === undefined) return settings;
  try {
    if (existsSync(settings.path)) PersonalDataStore.open(settings.path, key).close();
  } catch (e) {
    if (!isPersonalDataError(e)) throw e;
    const remedy = e.code === 'WRONG_MASTER_KEY' ? ': give the key it was written under (HEARTH_MASTER_KEY_FILE or HEARTH_MASTER_KEY)' : '';
    throw new UsageError(`the personal-data file ${settings.path} cannot be opened: ${e.message}${remedy}, or point HEARTH_PERSONAL_DATA at another file`);
  } finally {
    key.fill(0);
  }
  return settings;
};

const tokenLines = (tokens: readonly TokenEntry[]): string[] => {
  const width = Math.max(...tokens.map((t) => `${t.role}${t.division ? ` ${t.division}` : ''}`.length));
  return tokens.map((t) => `  ${`${t.role}${t.division ? ` ${t.division}` : ''}`.padEnd(width)}  ${t.token}`);
};

/**
 * `npm start`: tokens settled first (so a refusal costs nothing), then the store
 * (the demo region generated into an empty one), then the service listening.
 */
export const startService = async (opts: StartOptions, io: StartIo): Promise<RunningService | undefined> => {
  const out = (s: string) => io.stdout.write(`${s}\n`);
  const log = (s: string) => io.stderr.write(`${s}\n`);
  const source = tokenSource({ host: opts.host, tokensPath: opts.tokensPath, demoTokensPath: demoTokensPathFor(opts.store) });
  if (source.kind === 'refuse') throw new UsageError(source.reason);
  const fileTokens = source.kind === 'file' ? readTokenFile(source.path, 'token file (HEARTH_TOKENS)') : undefined;
  const personalData = personalDataSettings(opts.store);
  await ensurePortFree(opts.host, opts.port);

  if (opts.policy !== undefined) log(`Deciding commands and computing reports under the policy in ${opts.policy.path}.`);
  const prepared = await prepareStore({
    store: opts.store, households: opts.households, seed: simulatorSeed(opts.seed), generate: opts.demo, out: io.stderr, stopRequested: io.stopRequested,
    ...(opts.policy !== undefined ? { policy: opts.policy.policy } : {}),
  });
  if (prepared.kind === 'reused') log(`Using the store ${maskStoreUrl(opts.store)} as it is (it already holds events; no demo region generated).`);
  else if (prepared.kind === 'empty')
    log(`The store ${maskStoreUrl(opts.store)} is empty and stays so (${opts.tokensPath !== undefined ? 'HEARTH_TOKENS is set: a real deployment' : '--no-demo'}; --demo generates a demo region). Load the division tree first: npx hearth --store ${maskStoreUrl(opts.store)} divisions load FILE`);
  else log(`Demo region ready in ${prepared.seconds.toFixed(1)} s. Its business dates run from ${SIMULATED_YEARS.first} to ${SIMULATED_YEARS.last}: ask the reports and the dashboard for those years and months.`);
  if (io.stopRequested()) return undefined;
  if (prepared.kind === 'reused') {
    try {
      await catchUpAtStart({ store: opts.store, ...(opts.readModels !== undefined ? { readModels: opts.readModels } : {}), out: io.stderr, stopRequested: io.stopRequested });
    } catch (e) {
      if (e instanceof StartStoppedError) return undefined;
      throw e;
    }
  }

  const demo = source.kind === 'demo' ? await demoTokenFile(source.path, opts.store) : undefined;
  const tokens = fileTokens ?? demo?.tokens ?? [];

  // Nest's start-up chatter (every route mapped) would bury the URL; warnings and errors still show.
  const app = await createApp({
    store: opts.store, tokens, ...(opts.readModels !== undefined ? { readModels: opts.readModels } : {}), logger: ['warn', 'error'], ...(personalData !== undefined ? { personalData } : {}),
    stopRequested: io.stopRequested, ...(opts.policy !== undefined ? { policy: opts.policy.policy } : {}),
  });
  try {
    // Bootstraps the module: its read models catch up here, a page at a time, and stop between two pages once asked.
    await app.listen(opts.port, opts.host);
  } catch (e) {
    await app.close();
    if (e instanceof StartStoppedError) return undefined;
    throw (e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? portInUse(opts.host, opts.port) : e;
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = publicUrl(opts.host, port);

  out(`Hearth is listening on ${url}`);
  out(`  dashboard  ${url}/dashboard/`);
  out(`  API docs   ${url}/api/docs  (OpenAPI: ${url}/api/openapi.json)`);
  out(`  health     ${url}/health`);
  if (demo && source.kind === 'demo') {
    out(`Demo tokens (${demo.created ? 'written to' : 'read from'} ${source.path}, readable by you only):`);
    for (const line of tokenLines(demo.tokens)) out(line);
    // The dashboard opens on this year, which holds no demo data: a link to the demo's last year is what a visitor wants.
    out(`Dashboard on the demo's last year: ${url}/dashboard/#/clearance?year=${SIMULATED_YEARS.last}`);
    out(`Try: curl -H "Authorization: Bearer <token>" "${url}/api/reports/clearance?year=2018&byChild=true"`);
  } else {
    out(`Tokens: ${tokens.length} from ${opts.tokensPath}.`);
  }
  out('Stop with Ctrl-C.');
  // From here on, one line per request (and warnings, errors) on stdout.
  app.useLogger(['log', 'warn', 'error']);
  return { url, app };
};
