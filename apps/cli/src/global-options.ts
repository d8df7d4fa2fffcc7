import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as E from 'fp-ts/Either';
import { parsePolicy, Policy, referencePolicy } from '@hearth/domain';
import { isDamagedEventError } from '@hearth/event-store';
import { damagedLogError } from './damaged-log';
import { CliError, EXIT } from './exit-codes';
import { describeSystemFailure } from './system-failure';
import { describePathProblem, Ledger, maskStoreUrl } from '@hearth/ledger';

export interface GlobalOptions {
  store?: string;
  policy?: string;
  json?: boolean;
}

export const DEFAULT_STORE = 'sqlite:./data/hearth.db';

export const storeUrl = (o: GlobalOptions): string => o.store ?? process.env['HEARTH_STORE'] ?? DEFAULT_STORE;

export const readJsonFile = (path: string, what: string): unknown => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${what} ${path}: ${describePathProblem(e)}`, EXIT.usage);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${what} ${path} is not JSON: ${(e as Error).message}`, EXIT.usage);
  }
};

export const loadPolicy = (o: GlobalOptions): Policy => {
  if (!o.policy) return referencePolicy;
  const parsed = parsePolicy(readJsonFile(o.policy, 'policy file'));
  if (E.isLeft(parsed)) {
    // Two keys do not fall back on the reference policy (decision 143): leaving them out is the mistake, not the remedy.
    const missing = parsed.left.some((f) => (f.path === 'baselineCutoff' || f.path === 'targetShares') && f.message.startsWith('required field is missing'));
    const remedy = missing
      ? `baselineCutoff and targetShares are required in a policy file (decision 143: every target is computed from them); any other key left out takes the reference value`
      : 'Fix the file, or leave the key out to use the reference value';
    throw new CliError(`policy file ${o.policy} is invalid: ${parsed.left.map((f) => `${f.path || '(file)'}: ${f.message}`).join('; ')}. ${remedy}.`, EXIT.usage);
  }
  return parsed.right;
};

export const openLedger = async (o: GlobalOptions): Promise<Ledger> => {
  const url = storeUrl(o);
  const policy = loadPolicy(o);
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path !== ':memory:') {
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (e) {
        throw new CliError(`cannot create the store ${path}: ${describePathProblem(e)}${(e as { path?: string }).path ? ` (${(e as { path: string }).path})` : ''}. Choose another --store path.`, EXIT.usage);
      }
    }
  }
  try {
    return await Ledger.open({ storeUrl: url, policy });
  } catch (e) {
    if (e instanceof CliError) throw e;
    // Opening reads the division tree: a damaged tree event is named like any other.
    if (isDamagedEventError(e)) throw damagedLogError(e);
    const system = describeSystemFailure(e);
    throw new CliError(`cannot open store ${maskStoreUrl(url)}: ${maskStoreUrl(system?.message ?? (e as Error).message)}`, system?.exitCode ?? EXIT.usage);
  }
};
