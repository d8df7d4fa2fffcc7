import Database from 'better-sqlite3';
import { addDays, stateAsOf } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { HouseholdLedger, openProjections } from '../src';
import { c, member } from './support/commands';
import { feed } from './support/feed';
import { policy as reference, region } from './support/region';
import { decodeBacklogTimeline } from '../src/projections/backlog-timeline';
import type { HouseholdTimeline } from '../src/projections/household-timeline';
import { decodeProgressHead } from '../src/projections/progress-record-codec';
import { domainStatusAt, statusesAt, storedFacts } from './support/statuses-at';

/**
 * Found by the figures audit of 2026-12-05 (commit 1e28b56). Under a back-dating allowance a
 * household registered on 1 January and withdrawn on the 20th is surveyed, the survey dated
 * the 10th and recorded after the withdrawal: it leaves the live status `withdrawn`, but the
 * household's history (the domain's `stateAsOf`) says it was `surveyed` from the 10th to the
 * 19th, and so does the direct fold (the ledger the read models are checked against). Every
 * read model that keeps a status at a date says so too, fed live and rebuilt.
 */
describe('a survey recorded after a later-dated change of status', () => {
  const ctx = { policy: { ...reference, backdatingAllowanceDays: 60 }, divisions: region };

  it('makes the household surveyed from its date in every read model, as in its history', async () => {
    const store = SqliteEventStore.open(':memory:');
    const db = new Database(':memory:');
    const projections = openProjections(store, { ...ctx, db });
    try {
      await feed(store, [
        c.register('h1', '2016-01-01', 'V1', [['m1', 1990]]),
        c.withdraw('h1', '2016-01-20'),
        c.survey('h1', '2016-01-10', member('m1', 'full', true)),
      ], ctx, { strict: true });
      const facts = (await storedFacts(store)).get('h1') ?? [];
      const ledger = await HouseholdLedger.load(store);
      const expected: string[] = [];
      for (let d = '2015-12-31'; d <= '2016-01-21'; d = addDays(d, 1)) {
        const status = domainStatusAt(stateAsOf(facts, d).state.status);
        expect(domainStatusAt(ledger.stateAt('h1', d).status)).toBe(status);
        expected.push(`${d} ${status} ${status} ${status} ${status}`);
      }
      expect(expected.filter((e) => e.includes('surveyed'))).toHaveLength(10);
      const read = (): string[] => {
        const out: string[] = [];
        for (let d = '2015-12-31'; d <= '2016-01-21'; d = addDays(d, 1)) {
          const s = statusesAt(projections.reports, db, 'h1', d);
          out.push(`${d} ${s.householdStatuses} ${s.divisionTimeline} ${s.progressRecord} ${s.backlogTimeline}`);
        }
        return out;
      };
      await projections.runner.catchUp();
      expect(read()).toEqual(expected);
      await projections.rebuild();
      expect(read()).toEqual(expected);
    } finally {
      await projections.close();
      await store.close();
    }
  });

  it('keeps no change for a survey that changes no status at any date, and one for a survey that does', async () => {
    const store = SqliteEventStore.open(':memory:');
    const db = new Database(':memory:');
    const projections = openProjections(store, { ...ctx, db });
    const kept = (): { rows: unknown[]; timeline: string[]; progress: string[]; backlog: string[] } => {
      const types = (t: HouseholdTimeline): string[] => t.statuses.map((s) => `${s[1]} ${s[2]}`);
      const timeline = db.prepare('SELECT timeline FROM agg_household_timelines WHERE household_id = ?').pluck().get('h1') as string;
      const progress = db.prepare('SELECT progress FROM agg_household_progress WHERE household_id = ?').pluck().get('h1') as Buffer;
      const backlog = db.prepare('SELECT timeline FROM agg_household_backlog WHERE household_id = ?').pluck().get('h1') as Buffer;
      return {
        rows: db.prepare("SELECT occurred_on || ' ' || event_type FROM proj_status_changes WHERE household_id = ? ORDER BY position").pluck().all('h1'),
        timeline: types(JSON.parse(timeline) as HouseholdTimeline),
        progress: types(decodeProgressHead(progress).t),
        backlog: types(decodeBacklogTimeline(backlog).t as HouseholdTimeline),
      };
    };
    try {
      await feed(store, [
        c.register('h1', '2016-01-01', 'V1', [['m1', 1990]]),
        c.survey('h1', '2016-01-05', member('m1', 'full', true)),
        c.apply('h1', '2016-01-20'),
        // The annual update of a household already past `registered`, dated after every change: changes no status at any date.
        c.survey('h1', '2016-01-25', member('m1', 'partial', true)),
        // Dated before the application, recorded after it: finds `surveyed` at its date and leaves it; kept all the same,
        // as only a survey dated on or after every change kept before it is known to change nothing.
        c.survey('h1', '2016-01-15', member('m1', 'full', true)),
      ], ctx, { strict: true });
      const expected = ['2016-01-01 HouseholdRegistered', '2016-01-05 HouseholdSurveyed', '2016-01-20 IdentificationApplied', '2016-01-15 HouseholdSurveyed'];
      await projections.runner.catchUp();
      expect(kept()).toEqual({ rows: expected, timeline: expected, progress: expected, backlog: expected });
      await projections.rebuild();
      expect(kept()).toEqual({ rows: expected, timeline: expected, progress: expected, backlog: expected });
    } finally {
      await projections.close();
      await store.close();
    }
  });
});
