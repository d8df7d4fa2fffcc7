import { userInfo } from 'node:os';
import { IdC } from '@hearth/domain';
import { CliError, EXIT } from './exit-codes';

/** The operating-system user, as an id: an account with no name (a container's bare uid) is named by its number. */
const systemUser = (): string => {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    name = `uid-${process.getuid?.() ?? 'unknown'}`;
  }
  return `cli:${name.replace(/[^A-Za-z0-9._:-]/g, '_')}`.slice(0, 64);
};

/**
 * Who the ledger records as the actor of what a command writes (domain.md §4.4: the
 * caller's identity when a command names none): `--actor`, else `$HEARTH_ACTOR`, else
 * `cli:<the operating-system user>` — never an anonymous "system" (decision 204).
 */
export const cliActor = (given: string | undefined): string => {
  const fromEnv = process.env['HEARTH_ACTOR'] || undefined;
  const actor = given ?? fromEnv ?? systemUser();
  if (!IdC.is(actor)) throw new CliError(`${given !== undefined ? '--actor' : '$HEARTH_ACTOR'} must be ${IdC.name}`, EXIT.usage);
  return actor;
};
