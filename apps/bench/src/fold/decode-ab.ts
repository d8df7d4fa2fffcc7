import { readFileSync } from 'node:fs';
import { parseCommand } from '@hearth/domain';
import { cpuClock, median } from '../harness';
import { treeModule } from '../tree-module';

/**
 * The command decoder alone, two trees in one process: this tree's `parseCommand` and
 * OTHER's (a worktree of another commit, loaded through tsx from its own path), each over
 * the same `JSON.parse`d lines of a command file (the first LINES), alternated round by
 * round, CPU a line; the answers compared line by line first (the same Either, by JSON).
 * No state is kept, so the collector hardly runs and single rounds move less than
 * decide+fold's (docs/performance/fold.md, "Checks in one pass, data written out").
 *
 *   node --require tsx/cjs apps/bench/src/fold/decode-ab.ts OTHER_TREE COMMANDS.jsonl [LINES] [ROUNDS]
 */
const [other, file, linesArg, roundsArg] = process.argv.slice(2);
if (other === undefined || file === undefined) throw new Error('usage: decode-ab OTHER_TREE COMMANDS.jsonl [LINES] [ROUNDS]');
const otherDomain = treeModule<{ parseCommand: typeof parseCommand }>(other, 'packages/domain/src');
const inputs = readFileSync(file, 'utf8')
  .split('\n', Number(linesArg ?? 200000))
  .filter((l) => l.length > 0)
  .map((l) => JSON.parse(l) as unknown);
for (const input of inputs)
  if (JSON.stringify(parseCommand(input)) !== JSON.stringify(otherDomain.parseCommand(input))) throw new Error(`the trees decode ${JSON.stringify(input)} differently`);
const sides = { this: parseCommand, other: otherDomain.parseCommand };
const ns: Record<keyof typeof sides, number[]> = { this: [], other: [] };
let accepted = 0;
const rounds = Number(roundsArg ?? 15);
for (let r = 0; r < rounds; r++)
  for (const side of r % 2 === 0 ? (['other', 'this'] as const) : (['this', 'other'] as const)) {
    const decode = sides[side];
    const c0 = cpuClock();
    for (const input of inputs) if (decode(input)._tag === 'Right') accepted++;
    ns[side].push(((cpuClock() - c0) * 1e6) / inputs.length);
  }
process.stdout.write(
  `${JSON.stringify({ lines: inputs.length, acceptedPerRound: accepted / (2 * rounds), thisNsALine: Math.round(median(ns.this)), otherNsALine: Math.round(median(ns.other)), thisOverOther: Number((median(ns.this) / median(ns.other)).toFixed(3)) })}\n`,
);
