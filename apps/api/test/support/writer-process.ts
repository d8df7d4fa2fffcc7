/**
 * A second writer in its own process, for the concurrency test: appends `count` commands
 * one at a time (one transaction each) through the ledger's command handler, printing
 * "started" after the first and a JSON summary at the end. Run with tsx:
 *   node -e "require('tsx/cjs'); require('./writer-process.ts').main()" STORE FILE [PAUSE_MS]
 */
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import { parseCommand, referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';

export const main = async (): Promise<void> => {
  // A pause between two commands keeps the writing going for a while whatever the machine's load.
  const [store, file, pause = '0'] = process.argv.slice(1) as [string, string, string?];
  const ledger = await Ledger.open({ storeUrl: store, policy: referencePolicy, actor: 'other-process' });
  const handler = ledger.commandHandler();
  const counts: Record<string, number> = {};
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  for (const [i, line] of lines.entries()) {
    const parsed = parseCommand(JSON.parse(line));
    if (E.isLeft(parsed)) throw new Error(parsed.left.message);
    const result = await handler.handle(parsed.right, ledger.context());
    counts[result.status] = (counts[result.status] ?? 0) + 1;
    if (i === 0) process.stdout.write('started\n');
    // Let the event loop breathe, as a real service would between requests.
    await new Promise((resolve) => (Number(pause) > 0 ? setTimeout(resolve, Number(pause)) : setImmediate(resolve)));
  }
  await ledger.close();
  process.stdout.write(`${JSON.stringify(counts)}\n`);
};
