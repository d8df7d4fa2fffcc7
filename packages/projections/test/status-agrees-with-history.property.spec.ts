import fc from 'fast-check';
import Database from 'better-sqlite3';
import { addDays, stateAsOf, type HouseholdCommand } from '@hearth/domain';
import { propertyRuns } from '@hearth/domain/testing';
import { SqliteEventStore } from '@hearth/event-store';
import { openProjections } from '../src';
import { feed } from './support/feed';
import { householdByHousehold, keyedLate, regionHistories, surveyedLate } from './support/histories';
import { context, policy, region } from './support/region';
import { domainStatusAt, statusesAt, storedFacts } from './support/statuses-at';

/**
 * Under a back-dating allowance of sixty days, histories keyed late and, in some households, a
 * survey recorded after a later-dated withdrawal (`surveyedLate`): at every date a status can
 * change on (each event's date and the day before it), every read model that keeps a
 * household's status at a date (the household statuses' table, the division counters'
 * timeline, the progress record and the backlog timeline), fed live and rebuilt, says what
 * the household's history says (the domain's `stateAsOf`), decision 164.
 */
describe('the read models’ status of a household at a date', () => {
  it('is its history’s, whatever order its events were recorded in', async () => {
    const allowing = { ...context, policy: { ...policy, backdatingAllowanceDays: 60 } };
    let surveyedAfterALaterChange = 0;
    await fc.assert(
      fc.asyncProperty(
        regionHistories,
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 6 }),
        async (histories, back, late) => {
          const commands: HouseholdCommand[][] = surveyedLate(keyedLate(histories, back), late);
          const store = SqliteEventStore.open(':memory:');
          const db = new Database(':memory:');
          const projections = openProjections(store, { policy: allowing.policy, divisions: region, db, runner: { batchSize: 7 } });
          try {
            await feed(store, householdByHousehold(commands), allowing);
            await projections.runner.catchUp();
            const facts = await storedFacts(store);
            const expected: string[] = [];
            const dates = new Map<string, string[]>();
            for (const [householdId, fs] of facts) {
              const days = [...new Set(fs.flatMap((f) => [addDays(f.meta.occurredOn, -1), f.meta.occurredOn]))].sort();
              dates.set(householdId, days);
              for (const d of days) {
                const s = domainStatusAt(stateAsOf(fs, d).state.status);
                expected.push(`${householdId} ${d} ${s} ${s} ${s} ${s}`);
              }
              // A survey the live status did not take, dated where its history made the household surveyed.
              if (fs.some((f, i) => f.event.type === 'HouseholdSurveyed' && stateAsOf(fs.slice(0, i), '9999-12-31').state.status !== 'registered' && stateAsOf(fs, f.meta.occurredOn).state.status === 'surveyed')) surveyedAfterALaterChange++;
            }
            const read = (): string[] =>
              [...dates].flatMap(([householdId, days]) =>
                days.map((d) => {
                  const s = statusesAt(projections.reports, db, householdId, d);
                  return `${householdId} ${d} ${s.householdStatuses} ${s.divisionTimeline} ${s.progressRecord} ${s.backlogTimeline}`;
                }),
              );
            expect(read()).toEqual(expected);
            await projections.rebuild();
            expect(read()).toEqual(expected);
          } finally {
            await projections.close();
            await store.close();
          }
        },
      ),
      propertyRuns(25, process.env),
    );
    expect(surveyedAfterALaterChange).toBeGreaterThan(0);
  });
});
