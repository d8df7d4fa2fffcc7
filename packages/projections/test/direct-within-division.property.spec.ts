import fc from 'fast-check';
import { firstDayOf } from '@hearth/domain';
import { InMemoryEventStore } from '@hearth/event-store';
import { DirectReports, householdsEverIn } from '../src';
import { c } from './support/commands';
import { feed } from './support/feed';
import { householdByHousehold, regionHistories } from './support/histories';
import { context } from './support/region';
import { everRecorded, historyWithReorganisationAt, recordTree, reorganisedContext, transfersAt } from './support/reorganised-region';
import { periodsOf, snapshot } from './support/snapshot';
import { propertyRuns } from '@hearth/domain/testing';
import { MOVING_PICK, MOVING_REGION } from './support/moving-region';

/**
 * `verify --read-models --division D` folds only the households ever placed under D
 * (docs/decisions/0125). On random regions with corrections, where a reorganisation on a
 * random date moves V1's households to V6 (another prefecture) and V2's to V5: for every
 * division ever recorded, every report of it and of every division below it, for every
 * period, is what the fold of every household answers.
 */
describe('the direct fold of the households ever in a division', () => {
  it('answers every report of that division and those below it as the fold of every household does', async () => {
    let narrower = 0;
    let movedIn = 0;
    await fc.assert(
      fc.asyncProperty(regionHistories, fc.nat(), async (histories, pick) => {
        const periods = periodsOf(histories.flat());
        const on = firstDayOf(periods.months[1 + (pick % (periods.months.length - 1))] as string);
        const store = new InMemoryEventStore();
        await feed(store, householdByHousehold(histories), context);
        const history = historyWithReorganisationAt(await recordTree(store, on, '2021-01-01T00:00:00.000Z'));
        const moves = transfersAt(histories.map((_, i) => `h${i + 1}`), on);
        await feed(store, moves, { ...reorganisedContext, divisionsAt: (p: number) => history.at(p) });
        const ctx = { policy: context.policy, divisions: everRecorded };
        const whole = await DirectReports.load(store, ctx);

        for (const division of everRecorded.all) {
          const below = everRecorded.all.filter((d) => everRecorded.contains(division.code, d.code));
          const ever = await householdsEverIn(store, everRecorded, division.code);
          if (ever.households.size < whole.ledger.households.size) narrower++;
          // A household registered outside the division that moved into it (V1 → V6 under P2).
          if (division.code === 'P2') movedIn += [...ever.households].filter((h) => whole.ledger.households.get(h)?.village === 'V1').length;
          const within = await DirectReports.load(store, ctx, { only: ever.households });
          const scope = { ...everRecorded, all: below };
          expect(snapshot(within, periods, scope)).toEqual(snapshot(whole, periods, scope));
        }
        await store.close();
      }),
      { endOnFailure: true, examples: [[MOVING_REGION, MOVING_PICK.afterEveryCommand]], ...propertyRuns(7, process.env) },
    );
    // The folds really were of fewer households, and took in the households that moved in.
    expect(narrower).toBeGreaterThan(0);
    expect(movedIn).toBeGreaterThan(0);
  });

  it('spans the whole log’s business dates, not only those of the households it keeps', async () => {
    const store = new InMemoryEventStore();
    const fed = await feed(store, [c.register('h1', '2016-02-01', 'V1', [['m1', 1980]]), c.register('h2', '2017-05-01', 'V2', [['m2', 1985]])], context);
    expect(fed.accepted).toBe(2);
    const ever = await householdsEverIn(store, everRecorded, 'V2');
    expect([...ever.households]).toEqual(['h2']);
    expect([ever.first, ever.last]).toEqual(['2016-02-01', '2017-05-01']);
  });
});
