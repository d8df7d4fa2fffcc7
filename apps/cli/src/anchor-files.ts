import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { parseAnchor, type LogAnchor } from '@hearth/projections';
import { CliError, EXIT } from './exit-codes';
import { readJsonFile } from './global-options';

/** The environment variable naming the Ed25519 private key (PEM) `hearth anchor` signs with. */
export const ANCHOR_KEY_ENV = 'HEARTH_ANCHOR_KEY_FILE';

const readKeyFile = (path: string, what: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${what} ${path}: ${(e as Error).message}`, EXIT.usage);
  }
};

/** The signing key named by $HEARTH_ANCHOR_KEY_FILE, or undefined when it is not set. */
export const anchorSigningKey = (env: NodeJS.ProcessEnv = process.env): KeyObject | undefined => {
  const path = env[ANCHOR_KEY_ENV];
  if (path === undefined || path === '') return undefined;
  let key: KeyObject;
  try {
    key = createPrivateKey(readKeyFile(path, `${ANCHOR_KEY_ENV}`));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${ANCHOR_KEY_ENV} ${path} is not a PEM private key: ${(e as Error).message}`, EXIT.usage);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new CliError(`${ANCHOR_KEY_ENV} ${path} is a ${key.asymmetricKeyType ?? 'unknown'} key; anchors are signed with Ed25519`, EXIT.usage);
  return key;
};

/** A public key an auditor trusts (PEM), to require every anchor be signed with it. */
export const trustedPublicKey = (path: string): KeyObject => {
  try {
    const key = createPublicKey(readKeyFile(path, 'public key file'));
    if (key.asymmetricKeyType === 'ed25519') return key;
    throw new Error(`a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`public key file ${path} is not an Ed25519 public key: ${(e as Error).message}`, EXIT.usage);
  }
};

/** An anchor file, or exit 2 with one line saying what is wrong with it. */
export const readAnchorFile = (path: string): LogAnchor => {
  const parsed = parseAnchor(readJsonFile(path, 'anchor file'));
  if (!parsed.ok) throw new CliError(`anchor file ${path} is not a Hearth anchor: ${parsed.problem}`, EXIT.usage);
  return parsed.anchor;
};

/**
 * Writes the anchor to `path` whole or not at all, and never over an existing file (an
 * anchor kept is a record): written beside it first, then hard-linked into place.
 */
export const writeAnchorFile = (path: string, anchor: LogAnchor): void => {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(anchor, null, 2)}\n`, { flag: 'wx' });
    linkSync(temporary, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'EEXIST' ? `${path} exists already: an anchor is never overwritten; choose another file` : `cannot write ${path}: ${(e as Error).message}`, EXIT.usage);
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // Not created.
    }
  }
};
