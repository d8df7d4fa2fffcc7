/**
 * Child process of the read-model race test: a long-lived process that runs real `hearth`
 * commands (the CLI's own `run`, in-process, so the cost of starting Node is paid once) or
 * the live projection runner a service runs, on request, against one store file.
 *
 * Requests arrive on stdin, one a line: `<id> cli <arg>…`, `<id> follow`, `<id> sync`.
 * Replies go to stdout as `@@ <id> <exit code>` (other stdout lines are the commands' own output);
 * the parent reads stderr for anything unexpected.
 *
 * usage: node --require tsx/cjs race-worker.ts <store url>
 */
import { createInterface } from 'node:readline';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { ReadSide } from '@hearth/read-side';
import { run } from '../../src/main';

const storeUrl = process.argv[2] as string;
let live: { ledger: Ledger; side: ReadSide } | undefined;

const reply = (id: string, code: number): void => {
  process.stdout.write(`@@ ${id} ${code}\n`);
};

/** Follows the log as the service does: one ReadSide for the life of the process. */
const follow = async (): Promise<void> => {
  const ledger = await Ledger.open({ storeUrl, policy: referencePolicy });
  const side = await ReadSide.open(ledger, { onLiveError: (e) => process.stderr.write(`live runner failed: ${e.stack ?? String(e)}\n`) });
  await side.follow();
  live = { ledger, side };
};

/** Resolves once the live runner has taken every event of the log into account. */
const sync = async (): Promise<void> => {
  if (!live) throw new Error('sync before follow');
  await live.side.waitFor(await live.ledger.store.headPosition());
};

const handle = async (line: string): Promise<void> => {
  const [id, what, ...args] = line.trim().split(' ');
  if (!id) return;
  try {
    if (what === 'cli') {
      process.exitCode = undefined;
      reply(id, await run(['--store', storeUrl, ...args]));
    } else if (what === 'follow') {
      await follow();
      reply(id, 0);
    } else if (what === 'sync') {
      await sync();
      reply(id, 0);
    } else throw new Error(`unknown request ${line}`);
  } catch (e) {
    process.stderr.write(`request ${line} failed: ${(e as Error).stack ?? String(e)}\n`);
    reply(id, 99);
  }
};

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => void handle(line));
lines.on('close', () => {
  void (async () => {
    await live?.side.close();
    await live?.ledger.close();
  })();
});
