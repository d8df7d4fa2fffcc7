import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HouseholdCommand, referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { ReadSide } from '../src';

const divisions = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'V1', name: 'Village', parentCode: 'R', level: 'village' },
];

const registration = (id: string): HouseholdCommand => ({ type: 'RegisterHousehold', householdId: id, on: '2016-01-10', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] });

describe('the read side status: how far the read models are behind the log', () => {
  let dir: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-read-side-status-'));
    ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'h.db')}`, policy: referencePolicy });
    await ledger.recordDivisionTree(divisions, '2016-01-01');
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the position reached and the log head: equal once caught up, apart by what was appended since', async () => {
    const side = await ReadSide.open(ledger);
    try {
      expect(await side.status()).toEqual({ position: 1, head: 1 });
      for (const id of ['h1', 'h2', 'h3']) expect(await ledger.commandHandler().handle(registration(id), ledger.context())).toMatchObject({ status: 'accepted' });
      expect(await side.status()).toEqual({ position: 1, head: 4 });
      await side.catchUp();
      expect(await side.status()).toEqual({ position: 4, head: 4 });
    } finally {
      await side.close();
    }
  });
});
