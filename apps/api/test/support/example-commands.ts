import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES } from './server';

/** The bundled example log's commands without their actors: through the API, the token's name is the actor. */
export const exampleCommands = (): Record<string, unknown>[] =>
  readFileSync(join(EXAMPLES, 'commands.jsonl'), 'utf8').trim().split('\n').map((l) => {
    const { actor: _actor, ...command } = JSON.parse(l) as Record<string, unknown>;
    return command;
  });
