import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HouseholdCommand, referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { Projector, ReadSide } from '../src';

const divisions = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'T1', name: 'Township', parentCode: 'R', level: 'township' },
  { code: 'V1', name: 'Village one', parentCode: 'T1', level: 'village' },
];
/** The tree grown by another process: a village V2 under T1. */
const grown = [...divisions, { code: 'V2', name: 'Village two', parentCode: 'T1', level: 'village' }];

const register = (id: string, village: string): HouseholdCommand =>
  ({ type: 'RegisterHousehold', householdId: id, on: '2016-07-10', divisionCode: village, members: [{ memberId: 'm1', birthYear: 1980 }] }) as HouseholdCommand;

/** The tree the file's per-division sums are kept under (decision 79): its text names its divisions. */
const sumsTree = (file: string): string => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT tree FROM agg_rollup_tree').pluck().get() as string;
  } finally {
    db.close();
  }
};

const until = async (check: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('a projector (`hearth project`) while another process records a new division tree (docs/decisions/0084)', () => {
  let dir: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-projector-tree-'));
    ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'store.db')}`, policy: referencePolicy });
    await ledger.recordDivisionTree(divisions, '2016-01-01');
    expect((await ledger.commandHandler().handle(register('h1', 'V1'), ledger.context())).status).toBe('accepted');
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens its read models again under the new tree without a restart, and keeps them to the head', async () => {
    const file = join(dir, 'read-models.db');
    let reopened = 0;
    const projector = await Projector.start(ledger, { readModels: `sqlite:${file}`, treeCheckMs: 20, onNewTree: () => reopened++ });
    try {
      await projector.waitFor(await ledger.store.headPosition());
      expect(sumsTree(file)).not.toContain('V2');

      const other = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'store.db')}`, policy: referencePolicy });
      try {
        expect((await other.recordDivisionTree(grown, '2016-06-01'))._tag).toBe('Right');
        expect((await other.commandHandler().handle(register('h2', 'V2'), other.context())).status).toBe('accepted');
      } finally {
        await other.close();
      }

      await until(() => reopened === 1, 'the reopen under the new tree');
      await projector.waitFor(await ledger.store.headPosition());
      // The sums moved to the new tree: readers under it read them instead of rolling every village up.
      expect(sumsTree(file)).toContain('V2');
      expect(projector.status()).toMatchObject({ restarts: 0, lastError: null });

      // Still live after the reopen: an event appended now is taken in.
      expect((await ledger.commandHandler().handle(register('h3', 'V2'), ledger.context())).status).toBe('accepted');
      await projector.waitFor(await ledger.store.headPosition());
    } finally {
      await projector.stop();
    }
    expect(projector.status()).toMatchObject({ state: 'stopped', position: await ledger.store.headPosition() });

    const side = await ReadSide.open(ledger, { readModels: `sqlite:${file}`, catchUp: false });
    try {
      const byChild = side.reports.clearanceReport({ year: 2016, division: 'T1', byChild: true });
      expect(byChild.rows.map((r) => [r.division, r.identifiedInYear])).toEqual([['V1', 0], ['V2', 0]]);
      expect(side.position()).toBe(await ledger.store.headPosition());
    } finally {
      await side.close();
    }
  });
});
