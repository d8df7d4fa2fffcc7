import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HouseholdCommand, referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { ReadSide } from '../src';

const first = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'P1', name: 'Prefecture', parentCode: 'R', level: 'prefecture' },
  { code: 'V1', name: 'Village', parentCode: 'P1', level: 'village' },
];
const later = [...first, { code: 'V2', name: 'Village two', parentCode: 'P1', level: 'village' }];

const register = (id: string): HouseholdCommand =>
  ({ type: 'RegisterHousehold', householdId: id, on: '2016-01-10', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] }) as HouseholdCommand;

describe('verify --read-models after the ledger records a larger division tree', () => {
  let dir: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-verify-new-tree-'));
    ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'h.db')}`, policy: referencePolicy });
    await ledger.recordDivisionTree(first, '2016-01-01');
    for (const id of ['h1', 'h2']) expect((await ledger.commandHandler().handle(register(id), ledger.context())).status).toBe('accepted');
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds no difference when the read models were last written under the earlier tree (decision 79)', async () => {
    // A process opened under the first tree takes the later tree's event in: its sums stay under the first tree.
    const earlier = await ReadSide.open(ledger);
    await ledger.recordDivisionTree(later, '2016-06-01');
    await earlier.catchUp();
    await earlier.close();
    const now = await ReadSide.open(ledger);
    try {
      expect(now.position()).toBe(await ledger.store.headPosition());
      const verified = await now.verifyReadModels();
      expect(verified.differences).toEqual([]);
      expect(verified.differenceCount).toBe(0);
      expect(verified.reportsCompared).toBeGreaterThan(0);
    } finally {
      await now.close();
    }
  });
});
