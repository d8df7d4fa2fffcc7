import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { Division, referencePolicy } from '@hearth/domain';
import { Ledger } from '../src';

const tree: Division[] = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'V1', name: 'Village one', parentCode: 'R', level: 'village' },
];
const grown: Division[] = [...tree, { code: 'V2', name: 'Village two', parentCode: 'R', level: 'village' }];

/** docs/decisions/0084: a ledger takes in the trees another ledger on the same store recorded since it opened. */
describe('Ledger.refreshDivisions', () => {
  let dir: string;
  let store: string;
  let running: Ledger;
  let other: Ledger;
  const record = async (divisions: Division[], on: string) => expect(E.isRight(await other.recordDivisionTree(divisions, on))).toBe(true);
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-refresh-'));
    store = `sqlite:${join(dir, 'h.db')}`;
    running = await Ledger.open({ storeUrl: store, policy: referencePolicy });
    other = await Ledger.open({ storeUrl: store, policy: referencePolicy });
  });
  afterEach(async () => {
    await running.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('changes nothing and reads only the stream version while no tree was recorded elsewhere', async () => {
    const readStream = jest.spyOn(running.store, 'readStream');
    expect(await running.refreshDivisions()).toBe(false);
    expect(running.divisions).toBeUndefined();
    await record(tree, '2016-01-01');
    expect(await running.refreshDivisions()).toBe(true);
    const held = running.divisions;
    expect(await running.refreshDivisions()).toBe(false);
    expect(running.divisions).toBe(held);
    expect(readStream).toHaveBeenCalledTimes(1);
  });

  it('takes in a tree recorded elsewhere: the tree in force, every division ever recorded, and the tree at each position', async () => {
    await record(tree, '2016-01-01');
    await running.refreshDivisions();
    await record(grown, '2017-01-01');
    expect(running.divisionsInForce?.get('V2')).toBeUndefined();
    expect(await running.refreshDivisions()).toBe(true);
    expect(running.divisionsInForce?.get('V2')).toMatchObject({ parentCode: 'R' });
    expect(running.divisions?.get('V2')).toBeDefined();
    const trees = (l: Ledger) => l.divisionHistory.trees.map((t) => ({ effectiveFrom: t.effectiveFrom, position: t.position, all: t.tree.all }));
    expect(trees(running)).toEqual(trees(other));
    // An event at position 2 was decided against the first tree, one after the second against the grown one.
    expect(running.divisionHistory.at(2)?.get('V2')).toBeUndefined();
    expect(running.divisionHistory.at(3)?.get('V2')).toBeDefined();
  });

  it('answers concurrent callers with one read', async () => {
    await record(tree, '2016-01-01');
    const version = jest.spyOn(running.store, 'streamVersion');
    expect(await Promise.all([running.refreshDivisions(), running.refreshDivisions(), running.refreshDivisions()])).toEqual([true, true, true]);
    expect(version).toHaveBeenCalledTimes(1);
  });
});
