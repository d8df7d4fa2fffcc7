import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import { buildDivisionTree, referencePolicy } from '@hearth/domain';
import { foldedStates } from '../decide-bench';

/**
 * What a folded household state is made of: every household of a generated log decided
 * and folded in memory (as `decideAndFold` does), then each top-level member of the
 * states sized by an estimate of V8's heap (a string 16 B + its characters, a number 8 B,
 * an object 24 B + 8 B a property, a Map or Set 32 B + 24 (16) B an entry; what several
 * states or members share is counted once, where it is first met, the command index's
 * traces after the entities whose content they refer to). An estimate for
 * finding what to shrink, not a heap snapshot (docs/performance/fold.md). Under
 * `--expose-gc` it also measures the heap the states hold: used heap after a full
 * collection with the states alive, less the same once they are dropped.
 *
 *   npx tsx [--expose-gc] apps/bench/src/fold/state-size.ts COMMANDS.jsonl DIVISIONS.json
 */
const seen = new Set<unknown>();
const approxBytes = (v: unknown): number => {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'string') return 16 + v.length;
  if (typeof v !== 'object') return 8;
  if (seen.has(v)) return 0;
  seen.add(v);
  let bytes: number;
  if (v instanceof Map) {
    bytes = 32;
    for (const [k, x] of v) bytes += 24 + approxBytes(k) + approxBytes(x);
  } else if (v instanceof Set) {
    bytes = 32;
    for (const x of v) bytes += 16 + approxBytes(x);
  } else if (Array.isArray(v)) {
    bytes = 16;
    for (const x of v) bytes += 8 + approxBytes(x);
  } else {
    bytes = 24;
    for (const x of Object.values(v)) bytes += 8 + approxBytes(x);
  }
  return bytes;
};

const [commandsFile, divisionsFile] = process.argv.slice(2);
if (commandsFile === undefined || divisionsFile === undefined) throw new Error('usage: state-size COMMANDS.jsonl DIVISIONS.json');
const built = buildDivisionTree(JSON.parse(readFileSync(divisionsFile, 'utf8')) as unknown);
if (E.isLeft(built)) throw new Error(`invalid division tree in ${divisionsFile}`);
const lines = readFileSync(commandsFile, 'utf8').split('\n').filter((l) => l.length > 0);
const states = foldedStates(lines, { policy: referencePolicy, divisions: built.right, recordedAt: '2021-01-01T00:00:00.000Z', actor: 'bench' });
const byMember = new Map<string, number>();
let total = 0;
// The command index last: its traces refer to the content of the entities that created them, which count with those entities.
const lastOfAll = (entries: [string, unknown][]): [string, unknown][] => [...entries.filter(([k]) => k !== 'commandIds'), ...entries.filter(([k]) => k === 'commandIds')];
for (const state of states.values())
  for (const [member, value] of lastOfAll(Object.entries(state))) {
    const bytes = approxBytes(value);
    byMember.set(member, (byMember.get(member) ?? 0) + bytes);
    total += bytes;
  }
process.stdout.write(`${states.size} households, ~${Math.round(total / states.size).toLocaleString('en')} B a folded state\n`);
for (const [member, bytes] of [...byMember].sort((a, b) => b[1] - a[1]))
  process.stdout.write(`  ${member.padEnd(24)} ${Math.round(bytes / states.size).toLocaleString('en').padStart(6)} B  ${((100 * bytes) / total).toFixed(1).padStart(5)}%\n`);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc !== undefined) {
  const heapUsed = (): number => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const households = states.size;
  seen.clear();
  const held = heapUsed();
  states.clear();
  const dropped = heapUsed();
  process.stdout.write(`heap held by the states (after a full GC): ${((held - dropped) / 2 ** 20).toFixed(1)} MiB, ${Math.round((held - dropped) / households).toLocaleString('en')} B a household\n`);
}
