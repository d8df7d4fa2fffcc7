import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { buildDivisionTree, DecisionContext, referencePolicy } from '@hearth/domain';
import { readLines, writeBenchRegion } from '../region';

/**
 * What the decide+fold measuring scripts run on: the lines of the region `writeBenchRegion`
 * writes into `dir` (written the first time, reused after) and the decision context the
 * bench's `decideBench` decides them in.
 */
export const loadDecideRegion = async (dir: string, households: number): Promise<{ lines: string[]; ctx: DecisionContext }> => {
  const seed = 1;
  const commandsFile = join(dir, `region-${households}-${seed}.jsonl`);
  const divisionsFile = join(dir, `region-${households}-${seed}-divisions.json`);
  if (!existsSync(commandsFile)) await writeBenchRegion(dir, households, seed);
  const built = buildDivisionTree(JSON.parse(readFileSync(divisionsFile, 'utf8')) as unknown);
  if (E.isLeft(built)) throw new Error(`invalid division tree in ${divisionsFile}`);
  const lines = readLines(commandsFile);
  return { lines, ctx: { policy: referencePolicy, divisions: built.right, recordedAt: '2021-01-01T00:00:00.000Z', actor: 'bench' } };
};
