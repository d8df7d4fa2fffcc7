import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as E from 'fp-ts/Either';
import { buildDivisionTree, referencePolicy, type DivisionTree } from '@hearth/domain';
import { SqliteEventStore, type RecordedEvent } from '@hearth/event-store';
import { interceptedStore } from '@hearth/event-store/testing';
import { openProjections } from '@hearth/projections';
import { cpuMs } from './cpu-time';
import { copySqliteFile, removeSqliteFile } from './sqlite-files';

/**
 * What a service's live follower pays for the events a read's catch-up took in before the
 * subscription delivered them (docs/decisions/0166, docs/performance/catch-up.md "Live
 * events a read already took in"). The read models (in the store's file, as a service
 * keeps them) stand `--events` before the head; the follower starts there with its
 * subscription held, a read catches them up to the head (decision 163), and then the
 * subscription's events are handed to the runner one by one, as the subscription hands
 * them. Beside it, for scale, the same events delivered to a follower no read overtook.
 * Prints, per round, each side's CPU and the page transactions it ran (counted at
 * `beforeCheckpoint`, which every page's transaction calls once).
 *
 *   npx tsx apps/bench/src/live-follower-behind-reads.ts --store FILE --divisions FILE [--events 20000] [--rounds 3]
 */
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

interface Side {
  readonly cpu: number;
  readonly transactions: number;
  readonly events: number;
}

/** A follower on a copy of `base` (read models at `from`); `overtaken`: a read catches them up to the head before the events are delivered. */
const follow = async (base: string, divisions: DivisionTree, overtaken: boolean): Promise<Side> => {
  const path = copySqliteFile(base, `${base}-${overtaken ? 'overtaken' : 'alone'}-${process.pid}.db`);
  const store = SqliteEventStore.open(path, { pollIntervalMs: 60_000 });
  let subscribed: { after: number; onEvent: (e: RecordedEvent) => void | Promise<void> } | undefined;
  let transactions = 0;
  const held = interceptedStore(store, {
    // The read models' position stands for the head when the follower started: what follows was appended since.
    headPosition: () => Promise.resolve(subscribed === undefined ? projections.runner.position() : store.headPosition()),
    subscribeToAll: (opts) => {
      subscribed = { after: opts.after ?? 0, onEvent: (e) => opts.onEvent(e) };
      return { close: () => Promise.resolve() };
    },
  });
  const projections = openProjections(held, { policy: referencePolicy, divisions, runner: { beforeCheckpoint: () => (transactions += 1) } });
  await projections.runner.start();
  const live = subscribed as NonNullable<typeof subscribed>;
  if (overtaken) await projections.runner.catchUp(undefined, await store.headPosition());
  const events = await store.readAll({ after: live.after });
  transactions = 0;
  const cpu = await cpuMs(async () => {
    for (const e of events) await live.onEvent(e);
  });
  if (projections.runner.position() !== (await store.headPosition())) throw new Error('the follower did not reach the head');
  await projections.close();
  await store.close();
  removeSqliteFile(path);
  return { cpu, transactions, events: events.length };
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({ options: { store: { type: 'string' }, divisions: { type: 'string' }, events: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' } } });
  if (values.store === undefined || values.divisions === undefined) throw new Error('usage: live-follower-behind-reads --store FILE --divisions FILE [--events N] [--rounds N]');
  const built = buildDivisionTree(JSON.parse(readFileSync(values.divisions, 'utf8')) as unknown);
  if (E.isLeft(built)) throw new Error('invalid division tree');
  const base = copySqliteFile(values.store, `${values.store}-follow-base-${process.pid}.db`);
  const store = SqliteEventStore.open(base, { pollIntervalMs: 60_000 });
  const from = (await store.headPosition()) - Number(values.events);
  const projections = openProjections(store, { policy: referencePolicy, divisions: built.right });
  await projections.runner.catchUp(undefined, from);
  await projections.close();
  await store.close();
  const overtaken: Side[] = [];
  const alone: Side[] = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    overtaken.push(await follow(base, built.right, true));
    alone.push(await follow(base, built.right, false));
    const [o, a] = [overtaken[round] as Side, alone[round] as Side];
    process.stdout.write(
      `round ${round + 1}: ${o.events} events already taken in: ${o.cpu.toFixed(0)} ms CPU, ${o.transactions} transactions; ` +
        `the same events new: ${a.cpu.toFixed(0)} ms CPU, ${a.transactions} transactions\n`,
    );
  }
  process.stdout.write(`median: taken in ${median(overtaken.map((s) => s.cpu)).toFixed(0)} ms CPU, new ${median(alone.map((s) => s.cpu)).toFixed(0)} ms CPU\n`);
  removeSqliteFile(base);
};

void main();
