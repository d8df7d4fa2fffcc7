import fc from 'fast-check';
import { firstDayOf } from '@hearth/domain';
import { GENESIS_HASH, InMemoryEventStore, sealEvents } from '@hearth/event-store';
import { DirectReports, openProjections, ServiceBacklog } from '../src';
import { feed } from './support/feed';
import { householdByHousehold, regionHistories } from './support/histories';
import { context } from './support/region';
import { everRecorded, historyWithReorganisationAt, REORGANISED_TREE_DATA, reorganisedContext, transfersAt } from './support/reorganised-region';
import { periodsOf } from './support/snapshot';
import { propertyRuns } from '@hearth/domain/testing';
import { MOVING_PICK, MOVING_REGION } from './support/moving-region';

const LISTS = ['referralsOwed', 'followUpsOverdue', 'surveyUpdatesMissing', 'clearancePending', 'openLaborConcerns'] as const;

/** The root's backlog cut down to the entries whose village at asOf is under `division`: what the division's backlog must be. */
const filtered = (root: ServiceBacklog, division: string): ServiceBacklog => ({
  ...root,
  division,
  ...Object.fromEntries(LISTS.map((l) => [l, (root[l] as readonly { divisionCode: string }[]).filter((e) => everRecorded.contains(division, e.divisionCode))])),
});

const json = (s: unknown): string => JSON.stringify(s);
const entries = (b: ServiceBacklog): number => LISTS.reduce((n, l) => n + b[l].length, 0);

/**
 * The backlog reads only the asked division's households, a chunk at a time
 * (docs/decisions/0061). On random regions where a reorganisation moves the households of
 * V1 (prefecture P1) to V6 (prefecture P2) and of V2 to V5 on a random date: at every
 * division ever recorded and every backlog date, before and after the move, the answer is
 * the root's answer filtered to the households whose village at that date is under the
 * division; the same for chunks of 1, 3 and every household at once; and the direct fold's.
 */
describe('the backlog at a division', () => {
  it('is the root backlog filtered to its households at asOf, for any chunk size, and the direct fold', async () => {
    let moved = 0;
    let seen = 0;
    await fc.assert(
      fc.asyncProperty(regionHistories, fc.nat(), async (histories, pick) => {
        const periods = periodsOf(histories.flat());
        const on = firstDayOf(periods.months[1 + (pick % (periods.months.length - 1))] as string);
        const store = new InMemoryEventStore();
        const projections = openProjections(store, { policy: context.policy, divisions: everRecorded });
        await feed(store, householdByHousehold(histories), context);
        const recordedAt = '2021-01-01T00:00:00.000Z';
        const [tree] = sealEvents(GENESIS_HASH, [{ eventId: 'tree-2', type: 'DivisionTreeRecorded', data: REORGANISED_TREE_DATA, metadata: { occurredOn: on, recordedAt, actor: 'admin', schemaVersion: 1 } }]);
        const treeAt = (await store.appendToStream('divisions', tree ? [tree] : [], 'no_stream')).lastPosition;
        const history = historyWithReorganisationAt(treeAt);
        const moves = transfersAt(histories.map((_, i) => `h${i + 1}`), on);
        const transfers = await feed(store, moves, { ...reorganisedContext, divisionsAt: (p: number) => history.at(p) });
        moved += transfers.accepted;
        await projections.runner.catchUp();
        const direct = await DirectReports.load(store, { policy: context.policy, divisions: everRecorded });

        for (const asOf of periods.dates) {
          const root = projections.reports.backlogReport({ asOf });
          seen += entries(root);
          for (const { code: division } of everRecorded.all) {
            const expected = filtered(root, division);
            const answers = [
              projections.reports.backlogReport({ asOf, division }),
              ...[1, 3, 1_000_000].map((chunkSize) => projections.reports.backlogReport({ asOf, division }, { chunkSize })),
              direct.backlogReport({ asOf, division }),
            ];
            for (const a of answers) expect(json(a) === json(expected) ? expected : a).toEqual(expected);
          }
        }
        await projections.close();
        await store.close();
      }),
      { endOnFailure: true, examples: [[MOVING_REGION, MOVING_PICK.afterEveryCommand]], ...propertyRuns(9, process.env) },
    );
    // The regions really did move households and owe something.
    expect(moved).toBeGreaterThan(0);
    expect(seen).toBeGreaterThan(0);
  });

  it('refuses a chunk size that is not a positive integer', async () => {
    const store = new InMemoryEventStore();
    const projections = openProjections(store, { policy: context.policy, divisions: everRecorded });
    await projections.runner.catchUp();
    for (const chunkSize of [0, -1, 2.5, Number.NaN])
      expect(() => projections.reports.backlogReport({ asOf: '2018-12-31' }, { chunkSize })).toThrow(RangeError);
    await projections.close();
    await store.close();
  });
});
