import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HouseholdCommand, referencePolicy } from '@hearth/domain';
import { InMemoryEventStore } from '@hearth/event-store';
import { Ledger } from '@hearth/ledger';
import { logHead, ReadSide } from '../src';

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

describe('logHead', () => {
  it('is the last global position, 0 for an empty log, whatever the page boundaries', async () => {
    const store = new InMemoryEventStore();
    try {
      expect(await logHead(store)).toBe(0);
      for (let i = 0; i < 2_345; i++) {
        await store.appendToStream(`s-${i % 7}`, [{ eventId: `e${i}`, type: 'T', data: {}, metadata: { occurredOn: '2016-01-01', recordedAt: '2016-01-01T00:00:00Z', actor: 'a', schemaVersion: 1, prevHash: '', hash: '' } }], 'any');
      }
      expect(await logHead(store)).toBe(2_345);
      expect(await logHead(store, 2_000)).toBe(2_345);
      expect(await logHead(store, 1_000)).toBe(2_345);
      expect(await logHead(store, 1_345)).toBe(2_345); // exactly one full page after
      expect(await logHead(store, 2_345)).toBe(2_345);
    } finally {
      await store.close();
    }
  });
});
