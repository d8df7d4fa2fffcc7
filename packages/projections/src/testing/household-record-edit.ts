import type Database from 'better-sqlite3';
import type { HouseholdProgress } from '../projections/household-progress';
import { backlogTimelineOf, encodeBacklogTimeline } from '../projections/backlog-timeline';
import { decodeProgress, encodeProgress } from '../projections/progress-record-codec';

/**
 * Rewrites one household's progress record (`agg_household_progress`) as `edit` makes it,
 * behind the projections' back: for tests of what notices a read model edited outside the
 * runner. The record is packed (decision 82), so SQL alone cannot change one of its facts.
 * Its backlog timeline (`agg_household_backlog`, decision 113) is rewritten with it, as
 * the projection writes them. Throws when the household has no record.
 */
export const editHouseholdRecord = (db: Database.Database, householdId: string, edit: (record: HouseholdProgress) => HouseholdProgress): void => {
  const stored = db.prepare<[string], Buffer>('SELECT progress FROM agg_household_progress WHERE household_id = ?').pluck().get(householdId);
  if (stored === undefined) throw new Error(`no progress record for household ${householdId}`);
  const edited = edit(decodeProgress(stored));
  db.prepare('UPDATE agg_household_progress SET progress = ? WHERE household_id = ?').run(encodeProgress(edited), householdId);
  db.prepare('UPDATE agg_household_backlog SET timeline = ? WHERE household_id = ?').run(encodeBacklogTimeline(backlogTimelineOf(edited)), householdId);
};
