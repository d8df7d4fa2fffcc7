import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import { parsePolicy, Policy, referencePolicy } from '@hearth/domain';
import { CliError, EXIT } from './exit-codes';
import { Ledger } from '@hearth/ledger';
import { isBusyError } from '@hearth/projections';

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
    throw new CliError(`cannot read ${what} ${path}: ${(e as Error).message}`, EXIT.usage);
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
  if (E.isLeft(parsed))
    throw new CliError(`policy file ${o.policy} is invalid:\n${parsed.left.map((f) => `  ${f.path || '(file)'}: ${f.message}`).join('\n')}`, EXIT.usage);
  return parsed.right;
};

export const openLedger = async (o: GlobalOptions): Promise<Ledger> => {
  const url = storeUrl(o);
  if (url.startsWith('sqlite:')) {
    const { mkdirSync } = await import('node:fs');
    const { dirname } = await import('node:path');
    const path = url.slice('sqlite:'.length);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  }
  try {
    return await Ledger.open({ storeUrl: url, policy: loadPolicy(o) });
  } catch (e) {
    if (e instanceof CliError) throw e;
    // Locked by another process is not bad input: main.ts reports it as "busy, try again".
    if (isBusyError(e)) throw e;
    throw new CliError(`cannot open store ${url}: ${(e as Error).message}`, EXIT.usage);
  }
};
