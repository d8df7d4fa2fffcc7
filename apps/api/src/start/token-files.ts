import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as E from 'fp-ts/Either';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { demoTokens, parseTokenFileText, TokenEntry } from '../auth';
import { UsageError } from './start-options';

/** Reads and checks a token file, or explains why it cannot be used. */
export const readTokenFile = (path: string, what: string): TokenEntry[] => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
  const parsed = parseTokenFileText(text);
  if (E.isLeft(parsed)) throw new UsageError(`${what} ${path} is invalid:\n${parsed.left.map((f) => `  ${f.path || '(file)'}: ${f.message}`).join('\n')}`);
  return parsed.right;
};

/** The demo caseworker works in the first prefecture (the root's first child), else at the root. */
export const demoCaseworkerDivision = async (store: string): Promise<string> => {
  const ledger = await Ledger.open({ storeUrl: store, policy: referencePolicy });
  try {
    const tree = ledger.divisions;
    if (!tree) throw new UsageError(`the store ${store} has no division tree, so there is no division for a demo caseworker: load one (npx hearth divisions load FILE) or set HEARTH_TOKENS`);
    const [first] = [...tree.children(tree.root.code)].sort((a, b) => (a.code < b.code ? -1 : 1));
    return (first ?? tree.root).code;
  } finally {
    await ledger.close();
  }
};

/**
 * The demo tokens at `path`: read back when the file exists (a second start keeps the
 * same tokens), else one per role made from 32 random bytes and written readable by
 * this user only.
 */
export const demoTokenFile = async (path: string, store: string): Promise<{ tokens: TokenEntry[]; created: boolean }> => {
  if (existsSync(path)) return { tokens: readTokenFile(path, 'demo token file'), created: false };
  const tokens = demoTokens(() => randomBytes(32).toString('hex'), await demoCaseworkerDivision(store));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600); // whatever the umask left
  return { tokens, created: true };
};
