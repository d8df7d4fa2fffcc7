import type Database from 'better-sqlite3';
import type { DivisionTree } from '@hearth/domain';
import { valueAt } from '../../src/reports/village-counters';

type Row = [key: string, code: string, initial: number, base: number, series: Buffer];

const rowsOf = (db: Database.Database, table: string, column: string): Row[] =>
  db.prepare<[], Row>(`SELECT key, ${column}, initial, base, series FROM ${table}`).raw().all();

/**
 * The per-division sums (`agg_division_series`) checked month by month against the village
 * rows rolled up under `tree` here, by the tree's lineage, not by the code that keeps them:
 * at every month from before the first to after the last any row holds (and so their
 * `initial`), each division's sum of each counter is the sum over the villages strictly
 * below it; no division outside the tree has a row. Returns the mismatches (none: agreed).
 */
export const sumsDisagreeingWithVillages = (db: Database.Database, tree: DivisionTree): string[] => {
  const villages = rowsOf(db, 'agg_village_series', 'village');
  const sums = rowsOf(db, 'agg_division_series', 'division');
  const all = [...villages, ...sums];
  const lo = Math.min(0, ...all.map((r) => r[3])) - 1;
  const hi = Math.max(0, ...all.map((r) => r[3] + r[4].byteLength / 4)) + 1;
  const out: string[] = [];
  for (const [, code] of sums) if (tree.get(code) === undefined) out.push(`a sum for ${code}, not a division of the tree`);
  const sumOf = new Map(sums.map((r) => [`${r[1]} ${r[0]}`, r]));
  const keys = [...new Set(villages.map((r) => r[0]))];
  for (const { code } of tree.all) {
    const below = villages.filter(([, v]) => v !== code && tree.lineage(v).some((d) => d.code === code));
    for (const key of keys) {
      const mine = below.filter((r) => r[0] === key);
      const stored = sumOf.get(`${code} ${key}`);
      for (let i = lo; i <= hi; i++) {
        const expected = mine.reduce((n, r) => n + valueAt(r[2], r[3], r[4], i), 0);
        const actual = stored ? valueAt(stored[2], stored[3], stored[4], i) : 0;
        if (expected !== actual) {
          out.push(`${code} ${key} at month ${i}: ${actual}, villages below: ${expected}`);
          break;
        }
      }
    }
  }
  return out;
};
