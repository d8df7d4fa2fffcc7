import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as E from 'fp-ts/Either';
import { Policy, referencePolicy } from '@hearth/domain';
import { isDamagedEventError, sqliteStorePath } from '@hearth/event-store';
import { damagedLogError } from './damaged-log';
import { cliActor } from './cli-actor';
import { requireStoreFile } from './existing-store';
import { CliError, EXIT } from './exit-codes';
import { describeSystemFailure } from './system-failure';
import { describePathProblem, Ledger, maskStoreUrl, readJsonFile as readLedgerJsonFile, readPolicyFile } from '@hearth/ledger';

export interface GlobalOptions {
  store?: string;
  policy?: string;
  json?: boolean;
  actor?: string;
}

export const DEFAULT_STORE = 'sqlite:./data/hearth.db';

export const storeUrl = (o: GlobalOptions): string => o.store ?? process.env['HEARTH_STORE'] ?? DEFAULT_STORE;

export const readJsonFile = (path: string, what: string): unknown => {
  const read = readLedgerJsonFile(path, what);
  if (E.isLeft(read)) throw new CliError(read.left, EXIT.usage);
  return read.right;
};

/** `--policy`, else `$HEARTH_POLICY` (the service's setting too, docs/decisions/0178), else none: the reference policy. */
export const policyPath = (o: GlobalOptions): string | undefined => {
  // Given empty (an unset variable in a script: `--policy "$P"`), falling back would decide under another policy than asked; the service refuses it too.
  if (o.policy !== undefined && o.policy.trim() === '') throw new CliError('--policy needs a file: give the policy file, or leave --policy out for $HEARTH_POLICY, else the reference policy', EXIT.usage);
  return o.policy ?? (process.env['HEARTH_POLICY'] || undefined);
};

export const loadPolicy = (o: GlobalOptions): Policy => {
  const path = policyPath(o);
  if (path === undefined) return referencePolicy;
  const read = readPolicyFile(path);
  if (E.isLeft(read)) throw new CliError(read.left, EXIT.usage);
  return read.right;
};

/**
 * The ledger, to read: it appends nothing, so who runs the command (`--actor`) is not asked; and a
 * store file that is not there is refused rather than created, so that a mistyped `--store` is not
 * read as an empty ledger (`verify` passed with 0 anomalies over it; decision 209).
 */
export const openLedger = (o: GlobalOptions): Promise<Ledger> => openLedgerWith(o, (opts) => Ledger.open(opts), { mustExist: true });

/** A store `migrate` copies into: created when it is not there yet. */
export const openLedgerToFill = (o: GlobalOptions): Promise<Ledger> => openLedgerWith(o, (opts) => Ledger.open(opts));

/** The ledger, to append to: what it appends records `--actor`, else `$HEARTH_ACTOR`, else cli:<user> (cli-actor.ts, decision 204). */
export const openLedgerToWrite = (o: GlobalOptions): Promise<Ledger> => openLedgerWith(o, (opts) => Ledger.open(opts), { actor: cliActor(o.actor) });

/**
 * `openLedger` for `verify`: a damaged division tree does not stop it, since verify is what names it
 * (docs/decisions/0180); the ledger holds the trees recorded before it.
 */
export const openLedgerForAudit = (o: GlobalOptions): Promise<Ledger> => openLedgerWith(o, (opts) => Ledger.openForAudit(opts), { mustExist: true });

const READ_NEEDS_A_STORE = 'give --store sqlite:PATH of an existing store (import, divisions load or demo create one)';

/** `mustExist`: a store file that is not there is refused (after the policy, whose file is checked first), not created. */
const openLedgerWith = async <T>(
  o: GlobalOptions,
  open: (opts: { storeUrl: string; policy: Policy; actor?: string }) => Promise<T>,
  { actor, mustExist = false }: { actor?: string; mustExist?: boolean } = {},
): Promise<T> => {
  const url = storeUrl(o);
  const policy = loadPolicy(o);
  if (mustExist) requireStoreFile(url, 'the store', READ_NEEDS_A_STORE);
  const path = sqliteStorePath(url);
  if (path !== undefined && path !== ':memory:') {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (e) {
      throw new CliError(`cannot create the store ${path}: ${describePathProblem(e)}${(e as { path?: string }).path ? ` (${(e as { path: string }).path})` : ''}. Choose another --store path.`, EXIT.usage);
    }
  }
  try {
    return await open({ storeUrl: url, policy, ...(actor !== undefined ? { actor } : {}) });
  } catch (e) {
    if (e instanceof CliError) throw e;
    // Opening reads the division tree: a damaged tree event is named like any other.
    if (isDamagedEventError(e)) throw damagedLogError(e);
    const system = describeSystemFailure(e);
    throw new CliError(`cannot open store ${maskStoreUrl(url)}: ${maskStoreUrl(system?.message ?? (e as Error).message)}`, system?.exitCode ?? EXIT.usage);
  }
};
