import type Database from 'better-sqlite3';
import type { HouseholdTimeline } from './household-timeline';
import { PageRows } from './page-rows';

/**
 * `agg_region_villages`: each village some household's timeline names, with the number
 * of households naming it; a village no household names any more is deleted. It depends
 * only on the timelines, so on no page size, and holds every village that can add to the
 * division counters. Changes are summed through a page and written once at its end.
 */
export const villageCounts = (db: Database.Database) => {
  const read = db.prepare<[string], number>('SELECT households FROM agg_region_villages WHERE village = ?').pluck();
  const write = db.prepare('INSERT OR REPLACE INTO agg_region_villages (village, households) VALUES (?, ?)');
  const drop = db.prepare('DELETE FROM agg_region_villages WHERE village = ?');
  const pending = new PageRows(() => 0);
  const add = (village: string, n: number): void => pending.change(village, (held) => held + n);
  const named = (t: HouseholdTimeline): Set<string> => new Set(t.villages.map((v) => v[2]));
  return {
    /** A household's timeline went from `before` to `after`. */
    move: (before: HouseholdTimeline, after: HouseholdTimeline): void => {
      for (const v of named(before)) add(v, -1);
      for (const v of named(after)) add(v, 1);
    },
    flush: (): void =>
      pending.flush((village, delta) => {
        if (delta === 0) return;
        const households = (read.get(village) ?? 0) + delta;
        if (households === 0) drop.run(village);
        else write.run(village, households);
      }),
    discard: (): void => pending.discard(),
  };
};
