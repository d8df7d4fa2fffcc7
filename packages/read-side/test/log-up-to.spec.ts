import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDivisionTree, HouseholdCommand, referencePolicy, type DivisionTree } from '@hearth/domain';
import { readFeed, type EventStore, type FeedEvent } from '@hearth/event-store';
import { Ledger } from '@hearth/ledger';
import { openProjections, type RunnerProgress } from '@hearth/projections';
import { logUpTo } from '../src/log-up-to';

const divisionRows = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'V1', name: 'Village one', parentCode: 'R', level: 'village' },
  { code: 'V2', name: 'Village two', parentCode: 'R', level: 'village' },
];

const register = (id: string, village: string, on: string): HouseholdCommand =>
  ({ type: 'RegisterHousehold', householdId: id, on, divisionCode: village, members: [{ memberId: 'm1', birthYear: 1980 }] }) as HouseholdCommand;

const survey = (id: string, on: string): HouseholdCommand =>
  ({
    type: 'SurveyHousehold', householdId: id, on, householdSize: 1, povertyCauses: ['illness'],
    members: [{ memberId: 'm1', health: 'healthy', laborCapacity: 'full', education: 'primary', skills: [], languages: [], wantsWork: true, preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [] }],
  }) as HouseholdCommand;

/** Every event the whole-log read gives, up to the head, as `position streamId@version`. */
const everyEvent = async (read: (after: number) => Promise<readonly FeedEvent[]>): Promise<string[]> => {
  const seen: string[] = [];
  for (let after = 0; ; ) {
    const page = await read(after);
    seen.push(...page.map((e) => `${e.position} ${e.streamId}@${e.streamVersion}`));
    const last = page.at(-1);
    if (page.length < 3 || last === undefined) return seen;
    after = last.position;
  }
};

/**
 * The log as it stood at a position keeps the store's lean feed, stopped at that position,
 * and offers no read stream by stream (docs/decisions/0122): `verify --read-models`
 * rebuilds its scratch copy over it in position order, reading what a catch-up reads.
 */
describe('logUpTo: the log as it stood at a position', () => {
  let dir: string;
  let ledger: Ledger;
  let store: EventStore;
  let divisions: DivisionTree;
  let position: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-log-up-to-'));
    ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'store.db')}`, policy: referencePolicy });
    await ledger.recordDivisionTree(divisionRows, '2016-01-01');
    const tree = buildDivisionTree(divisionRows);
    if (tree._tag === 'Left') throw new Error('invalid tree');
    divisions = tree.right;
    const handle = async (c: HouseholdCommand) => expect((await ledger.commandHandler().handle(c, ledger.context())).status).toBe('accepted');
    // Households interleaved, as a ledger kept day by day writes them; P falls in the middle of the log.
    await handle(register('h1', 'V1', '2016-01-10'));
    await handle(register('h2', 'V2', '2016-01-11'));
    await handle(survey('h1', '2016-01-12'));
    await handle(register('h3', 'V1', '2016-01-13'));
    position = await ledger.store.headPosition();
    await handle(survey('h2', '2016-01-14'));
    await handle(survey('h3', '2016-01-15'));
    await handle(register('h4', 'V2', '2016-01-16'));
    store = ledger.store;
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads, as recorded events and as the lean feed, exactly the events at or before the position, in position order', async () => {
    const log = logUpTo(store, position);
    const inOrder = await everyEvent((after) => log.readAll({ after, maxCount: 3 }).then((page) => page.map((r) => ({ ...r, occurredOn: r.metadata.occurredOn }))));
    expect(inOrder).toHaveLength(position);
    expect(inOrder.map((e) => Number(e.split(' ')[0]))).toEqual(Array.from({ length: position }, (_, i) => i + 1));
    expect(log.readFeed).toBeDefined();
    expect(await everyEvent((after) => readFeed(log, { after, maxCount: 3 }))).toEqual(inOrder);
    expect(await log.headPosition()).toBe(position);
    // The store reads stream by stream; the view does not, so that the check's rebuild is the other reading of the log.
    expect(store.streamOrderedFeed).toBeDefined();
    expect(log.streamOrderedFeed).toBeUndefined();
  });

  it('a catch-up over it into read models of their own reads the lean feed in position order, up to the position', async () => {
    const readAll = jest.spyOn(store, 'readAll');
    const feed = jest.spyOn(store, 'readFeed');
    const projections = openProjections(logUpTo(store, position), { policy: referencePolicy, divisions, readModels: `sqlite:${join(dir, 'scratch.db')}` });
    try {
      const seen: RunnerProgress[] = [];
      expect(await projections.runner.catchUp((p) => seen.push(p))).toBe(position);
      expect(seen.some((p) => p.byStream === true)).toBe(false);
      expect(feed).toHaveBeenCalled();
      expect(readAll).not.toHaveBeenCalled();
      const households = projections.readAt(position, (view) => view.rows().get('proj_households') ?? [])?.value ?? [];
      // The three households registered by the position, not the fourth.
      expect(households.map((row) => (JSON.parse(row) as { household_id: string }).household_id).sort()).toEqual(['h1', 'h2', 'h3']);
    } finally {
      await projections.close();
    }
  });
});
