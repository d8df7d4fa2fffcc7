import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { buildDivisionTree, DivisionTree, Policy, referencePolicy } from '@hearth/domain';
import { writeRegion } from '@hearth/simulator';

/** The synthetic region every benchmark runs on, written once as the files `hearth` reads. */
export interface BenchRegion {
  readonly households: number;
  readonly seed: number;
  /** One JSON command a line, household after household (`hearth generate`'s default order). */
  readonly commandsFile: string;
  /** The division tree as `hearth divisions load` reads it. */
  readonly divisionsFile: string;
  /** An empty command log: the import's start-up cost is measured on it. */
  readonly emptyFile: string;
  readonly commands: number;
  readonly bytes: number;
  readonly divisions: DivisionTree;
  readonly policy: Policy;
  readonly workDir: string;
}

export const writeBenchRegion = async (workDir: string, households: number, seed: number): Promise<BenchRegion> => {
  mkdirSync(workDir, { recursive: true });
  const commandsFile = join(workDir, `region-${households}-${seed}.jsonl`);
  const divisionsFile = join(workDir, `region-${households}-${seed}-divisions.json`);
  const emptyFile = join(workDir, 'empty.jsonl');
  const summary = await writeRegion({ households, seed, commandsOut: createWriteStream(commandsFile), divisionsOut: createWriteStream(divisionsFile) });
  writeFileSync(emptyFile, '');
  const built = buildDivisionTree(JSON.parse(readFileSync(divisionsFile, 'utf8')) as unknown);
  if (E.isLeft(built)) throw new Error(`the simulator's division tree is invalid: ${JSON.stringify(built.left)}`);
  return { households, seed, commandsFile, divisionsFile, emptyFile, commands: summary.commands, bytes: summary.bytes, divisions: built.right, policy: referencePolicy, workDir };
};

/** The command log's lines, in memory (for the in-memory benchmarks; not timed). */
export const readLines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
