import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { removeDb, runNode } from '../child';
import { timed } from '../harness';
import { floor, floorOf, freshStore, importInto, sizeOf, type Sizing } from '../import-bench';

/**
 * A lower bound for an import on two cores (docs/performance/writes.md, "An import in two
 * halves on two cores"): the whole command file imported by one `hearth import`, against its
 * two halves (split by household, `catch-up/split-households.ts`) imported at the same time by
 * two processes into two stores, sharing nothing: no second writer on one file, no work
 * handed between threads, no one hash chain or checkpoint for both. Any design that splits
 * one import over two threads does at least what each half does here, so the pair's wall
 * time bounds it from below. Each round also runs the floor (`floor-insert.ts`: the whole
 * import's rows at their mean size, as many transactions) and both start-ups on an empty
 * file, as the bench's import comparison does, and prints each wall time and the ratios net
 * of start-up. It also imports both halves at once into ONE fresh store, as two `hearth import`
 * processes of two files would: what the design of today (a batch decided inside its write
 * transaction, decision 83) gets from the second core when the halves share the file; and the
 * same with each batch decided before its transaction (`import-unlocked.ts`), so that each
 * process holds the write lock only while it writes, written with `appendBatch` and then
 * through a write session (writes.md, "Two imports sharing one store file").
 *
 *   npx tsx apps/bench/src/writes/import-halves.ts --whole R.jsonl --a A.jsonl --b B.jsonl --divisions D.json --work DIR [--rounds 3]
 */
const { values } = parseArgs({
  options: {
    whole: { type: 'string' }, a: { type: 'string' }, b: { type: 'string' }, divisions: { type: 'string' }, work: { type: 'string' }, rounds: { type: 'string', default: '3' },
  },
});
if (!values.whole || !values.a || !values.b || !values.divisions || !values.work) {
  throw new Error('usage: import-halves --whole FILE --a FILE --b FILE --divisions FILE --work DIR [--rounds N]');
}
const UNLOCKED = resolve(__dirname, 'import-unlocked.ts');
const place = { workDir: values.work, divisionsFile: values.divisions };
const empty = join(values.work, 'empty.jsonl');
writeFileSync(empty, '');

/** How each import of a one-store run writes: as `hearth import`, or deciding each batch before its transaction (`import-unlocked.ts`, with its mode). */
type Writer = 'hearth' | 'unlocked' | 'unlocked-in-session';

/**
 * Files imported at once, each into a fresh store of its own, or all into one (`oneStore`; made
 * before the clock starts): the wall time of the slowest, and the stores.
 */
const importsAtOnce = async (files: readonly string[], oneStore = false, writer: Writer = 'hearth'): Promise<{ ms: number; stores: { path: string; before: number }[] }> => {
  const stores = oneStore ? [await freshStore(place)] : await Promise.all(files.map(() => freshStore(place)));
  const into = (i: number): string => (stores[oneStore ? 0 : i] as { path: string }).path;
  // Exit 0 only: the unlocked import prints its rejections and does not set hearth's exit 3.
  const one = (f: string, i: number) =>
    writer === 'hearth' ? importInto(place, into(i), f) : runNode(place.workDir, UNLOCKED, [into(i), f, ...(writer === 'unlocked-in-session' ? ['--in-session'] : [])]);
  const runs = await timed(() => Promise.all(files.map(one)));
  return { ms: runs.ms, stores };
};

/** Both halves at once into one fresh store: the rows written, checked against the whole file's. */
const intoOneStore = async (writer: Writer, rows: number): Promise<number> => {
  const shared = await importsAtOnce([values.a as string, values.b as string], true, writer);
  const [store] = shared.stores as [{ path: string; before: number }];
  const written = sizeOf(store.path, store.before).rows;
  removeDb(store.path);
  // The two imports into one file must write what the whole file's import wrote, or the comparison is of other work.
  if (written !== rows) throw new Error(`both halves into one store (${writer}) wrote ${written} rows, the whole file ${rows}`);
  return shared.ms;
};

/** Lines of a command file that hold a command. */
const commandsIn = (file: string): number => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').length;

const main = async (): Promise<void> => {
  const rounds = Number(values.rounds);
  let sizing: Sizing | undefined;
  const commands = commandsIn(values.whole as string);
  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  for (let round = 1; round <= rounds; round++) {
    const startup = (await importsAtOnce([empty])).ms;
    const floorStartup = (await timed(() => floor(place, 0, 1, 1))).ms;
    const whole = await importsAtOnce([values.whole as string]);
    const [store] = whole.stores as [{ path: string; before: number }];
    sizing ??= sizeOf(store.path, store.before);
    whole.stores.forEach((s) => removeDb(s.path));
    const halves = await importsAtOnce([values.a as string, values.b as string]);
    halves.stores.forEach((s) => removeDb(s.path));
    const sharedMs = await intoOneStore('hearth', sizing.rows);
    const unlockedMs = await intoOneStore('unlocked', sizing.rows);
    const inSessionMs = await intoOneStore('unlocked-in-session', sizing.rows);
    const sized = sizing;
    const floorMs = (await timed(() => floorOf(place, sized, commands))).ms;
    const netFloor = floorMs - floorStartup;
    process.stdout.write(
      `round ${round}: start-up ${fmt(startup)}, floor ${fmt(floorMs)} (start-up ${fmt(floorStartup)}); ` +
        `whole ${fmt(whole.ms)} (${((whole.ms - startup) / netFloor).toFixed(2)}× net); ` +
        `both halves at once ${fmt(halves.ms)} (${((halves.ms - startup) / netFloor).toFixed(2)}× net); ` +
        `both halves at once into one store ${fmt(sharedMs)} (${((sharedMs - startup) / netFloor).toFixed(2)}× net); ` +
        `the same, each batch decided before its transaction ${fmt(unlockedMs)} (${((unlockedMs - startup) / netFloor).toFixed(2)}× net); ` +
        `and written in a write session ${fmt(inSessionMs)} (${((inSessionMs - startup) / netFloor).toFixed(2)}× net)\n`,
    );
  }
};

void main();
