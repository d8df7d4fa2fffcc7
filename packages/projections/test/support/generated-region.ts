import fc from 'fast-check';
import type { HouseholdCommand } from '@hearth/domain';
import { householdHistory } from './histories';

/** A fixed, larger generated region (same seed, same commands): `households` households, interleaved round robin. */
export const generatedRegion = (households: number, seed = 20160731): HouseholdCommand[] => {
  const lists = Array.from({ length: households }, (_, i) => fc.sample(householdHistory(`g${i + 1}`, { min: 12, max: 20 }), { numRuns: 1, seed: seed + i })[0] as HouseholdCommand[]);
  const out: HouseholdCommand[] = [];
  for (let round = 0; out.length < lists.reduce((n, l) => n + l.length, 0); round += 1)
    for (const l of lists) if (l[round]) out.push(l[round] as HouseholdCommand);
  return out;
};
