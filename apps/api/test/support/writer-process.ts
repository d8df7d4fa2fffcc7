/**
 * A second writer in its own process, for the concurrency tests: appends the file's
 * commands one at a time (one transaction each) through the ledger's command handler,
 * printing "started" after the first and a JSON summary at the end. Run with tsx:
 *   node -e "require('tsx/cjs'); require('./writer-process.ts').main()" STORE FILE [PAUSE_MS] [endless]
 * `endless`: once the file is written, it is written again, each household under a new id
 * (`<id>-r<round>`), until the process is sent SIGTERM; it then stops after the command
 * being written and prints its summary.
 */
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import { parseCommand, referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';

/** The command of `line`, its household renamed for the round (the first keeps its id). */
const commandOf = (line: string, round: number): unknown => {
  const c = JSON.parse(line) as Record<string, unknown>;
  return round === 0 ? c : { ...c, householdId: `${String(c['householdId'])}-r${round}` };
};

export const main = async (): Promise<void> => {
  // A pause between two commands keeps the writing going for a while whatever the machine's load.
  const [store, file, pause = '0', mode = 'once'] = process.argv.slice(1) as [string, string, string?, string?];
  let stopping = false;
  process.on('SIGTERM', () => (stopping = true));
  const ledger = await Ledger.open({ storeUrl: store, policy: referencePolicy, actor: 'other-process' });
  const handler = ledger.commandHandler();
  const counts: Record<string, number> = {};
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  let written = 0;
  for (let round = 0; !stopping && (round === 0 || mode === 'endless'); round++) {
    for (const line of lines) {
      if (stopping) break;
      const parsed = parseCommand(commandOf(line, round));
      if (E.isLeft(parsed)) throw new Error(parsed.left.message);
      const result = await handler.handle(parsed.right, ledger.context());
      counts[result.status] = (counts[result.status] ?? 0) + 1;
      if (written++ === 0) process.stdout.write('started\n');
      // Let the event loop breathe, as a real service would between requests.
      await new Promise((resolve) => (Number(pause) > 0 ? setTimeout(resolve, Number(pause)) : setImmediate(resolve)));
    }
  }
  await ledger.close();
  process.stdout.write(`${JSON.stringify(counts)}\n`);
};
