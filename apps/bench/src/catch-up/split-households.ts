import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

/**
 * A command file split in two by household: each household's lines, in their order, go
 * whole to one of the two files, households taken in turn as they first appear. Imported
 * into two stores, the halves hold each a half of the region's households over the same
 * division tree and dates, as two threads of a catch-up partitioned by household would read
 * them (docs/performance/catch-up.md, "A catch-up in two halves on two cores").
 *
 *   npx tsx apps/bench/src/catch-up/split-households.ts --commands R.jsonl --out-a A.jsonl --out-b B.jsonl
 */
const { values } = parseArgs({ options: { commands: { type: 'string' }, 'out-a': { type: 'string' }, 'out-b': { type: 'string' } } });
if (values.commands === undefined || values['out-a'] === undefined || values['out-b'] === undefined) {
  throw new Error('usage: split-households --commands FILE --out-a FILE --out-b FILE');
}
const halves = [createWriteStream(values['out-a']), createWriteStream(values['out-b'])] as const;
const halfOf = new Map<string, 0 | 1>();
const lines = [0, 0];

const main = async (): Promise<void> => {
  for await (const line of createInterface({ input: createReadStream(values.commands as string), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const household = (JSON.parse(line) as { householdId?: unknown }).householdId;
    const key = typeof household === 'string' ? household : '';
    let half = halfOf.get(key);
    if (half === undefined) halfOf.set(key, (half = halfOf.size % 2 === 0 ? 0 : 1));
    lines[half] = (lines[half] as number) + 1;
    if (!halves[half].write(`${line}\n`)) await new Promise<void>((resolve) => halves[half].once('drain', () => resolve()));
  }
  await Promise.all(halves.map((h) => new Promise<void>((resolve) => h.end(() => resolve()))));
  process.stdout.write(`${JSON.stringify({ households: halfOf.size, linesA: lines[0], linesB: lines[1] })}\n`);
};
void main();
