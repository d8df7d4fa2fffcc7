import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { HouseholdCommand, referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { SqliteEventStore } from '@hearth/event-store';
import type { Reports } from '@hearth/projections';
import { editHouseholdRecord } from '@hearth/projections/testing';
import { NoDivisionTreeError, ReadModelsNotReadyError, ReadSide } from '../src';
import { identifiedHousehold } from './support/identified-household';
import { recordCommands } from './support/record-commands';

const divisions = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'V1', name: 'Village', parentCode: 'R', level: 'village' },
];

describe('the read side: a ledger and its read models', () => {
  let dir: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-read-side-'));
    ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'h.db')}`, policy: referencePolicy });
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const record = (commands: HouseholdCommand[]) => recordCommands(ledger, commands);

  it('refuses to open before a division tree is recorded', async () => {
    await expect(ReadSide.open(ledger)).rejects.toBeInstanceOf(NoDivisionTreeError);
  });

  it('opens caught up with the log: the reports count what was recorded before it opened', async () => {
    expect(E.isRight(await ledger.recordDivisionTree(divisions, '2016-01-01'))).toBe(true);
    await record([...identifiedHousehold('h1'), ...identifiedHousehold('h2')]);
    const side = await ReadSide.open(ledger);
    try {
      expect(side.reports.clearanceReport({ year: 2016 })).toMatchObject({ division: 'R', baseline: 2, stockAtEnd: 2 });
      expect(side.position()).toBeGreaterThan(0);
    } finally {
      await side.close();
    }
  });

  it('follows the log live once asked: a command accepted afterwards reaches the reports', async () => {
    await ledger.recordDivisionTree(divisions, '2016-01-01');
    await record(identifiedHousehold('h1'));
    const side = await ReadSide.open(ledger);
    try {
      await side.follow();
      const handler = ledger.commandHandler();
      let last = 0;
      for (const c of identifiedHousehold('h2')) {
        const r = await handler.handle(c, ledger.context());
        if (r.status === 'accepted') last = r.lastPosition;
      }
      await side.waitFor(last);
      expect(side.reports.clearanceReport({ year: 2016 })).toMatchObject({ baseline: 2 });
    } finally {
      await side.close();
    }
  });

  it('remembers an answer at the position it was read at: the same answer while the log stands, worked out again once an event is taken in', async () => {
    await ledger.recordDivisionTree(divisions, '2016-01-01');
    await record(identifiedHousehold('h1'));
    const side = await ReadSide.open(ledger);
    try {
      let worked = 0;
      const subtree = (reports: Reports) => {
        worked += 1;
        return reports.clearanceReport({ year: 2016, subtree: true });
      };
      const first = await side.readRemembered('clearance 2016', subtree);
      expect(await side.readRemembered('clearance 2016', subtree)).toBe(first);
      expect(worked).toBe(1);
      // Another key is another answer, whatever the position.
      await side.readRemembered('clearance 2016, again', subtree);
      expect(worked).toBe(2);
      // A household identified since: the log moved on, so the answer is read again and counts it.
      await record(identifiedHousehold('h2'));
      const after = await side.readRemembered('clearance 2016', subtree);
      expect(worked).toBe(3);
      expect(after).not.toBe(first);
      expect(after.rows.find((r) => r.division === 'R')).toMatchObject({ baseline: 2 });
      expect(first.rows.find((r) => r.division === 'R')).toMatchObject({ baseline: 1 });
    } finally {
      await side.close();
    }
  });

  it('reads several reports in one snapshot and names its position: every event appended before the call, and nothing another connection commits meanwhile', async () => {
    await ledger.recordDivisionTree(divisions, '2016-01-01');
    await record(identifiedHousehold('h1'));
    const side = await ReadSide.open(ledger);
    const other = new Database(join(dir, 'h.db'));
    try {
      // Appended after the side opened, not yet taken in: read, it is counted.
      await record(identifiedHousehold('h2'));
      const backlog = (r: Reports) => r.backlogReport({ asOf: '2016-06-30' });
      const { value, position } = await side.readStanding((r) => {
        const before = backlog(r);
        // Another connection (a writer beside the service) commits in the middle of the read: the snapshot does not move.
        editHouseholdRecord(other, 'h1', (p) => ({ ...p, t: { ...p.t, statuses: p.t.statuses.map((s): typeof s => (s[2] === 'HouseholdIdentified' ? [s[0], '2016-03-15', s[2], s[3], s[4]] : s)) } }));
        return { before, after: backlog(r), clearance: r.clearanceReport({ year: 2016 }) };
      });
      expect(position).toBe(await ledger.store.headPosition());
      expect(value.clearance).toMatchObject({ baseline: 2 });
      expect(value.after).toEqual(value.before);
      // The edit was committed: a read after the snapshot sees it.
      expect(await side.read(backlog)).not.toEqual(value.before);
    } finally {
      other.close();
      await side.close();
    }
  });

  it('replays one household as of a date and verifies the whole log', async () => {
    await ledger.recordDivisionTree(divisions, '2016-01-01');
    await record(identifiedHousehold('h1'));
    const side = await ReadSide.open(ledger);
    try {
      expect((await side.history('h1', '2016-03-15')).status).toBe('applied');
      expect((await side.history('h1')).status).toBe('identified');
      expect((await side.verify()).anomalies).toEqual([]);
    } finally {
      await side.close();
    }
  });

  it('tells where the read models stand against the head of the log', async () => {
    await ledger.recordDivisionTree(divisions, '2016-01-01');
    await record(identifiedHousehold('h1'));
    const side = await ReadSide.open(ledger);
    try {
      const head = await ledger.store.headPosition();
      expect(await side.status()).toEqual({ position: head, head });
      await record(identifiedHousehold('h2'));
      expect(await side.status()).toEqual({ position: head, head: await ledger.store.headPosition() });
      expect(await side.read((r) => r.clearanceReport({ year: 2016 }).baseline)).toBe(2);
      expect((await side.status()).position).toBe(await ledger.store.headPosition());
    } finally {
      await side.close();
    }
  });

  it('never answers from read models reset by a rebuild elsewhere: read() replays them first, the plain reports refuse', async () => {
    await ledger.recordDivisionTree(divisions, '2016-01-01');
    await record([...identifiedHousehold('h1'), ...identifiedHousehold('h2')]);
    const side = await ReadSide.open(ledger);
    try {
      expect(side.reports.clearanceReport({ year: 2016 }).baseline).toBe(2);
      // Another process's rebuild has reset the tables and not yet replayed the log.
      const db = (ledger.store as SqliteEventStore).db;
      db.exec('DELETE FROM proj_households; DELETE FROM proj_status_changes; UPDATE projection_checkpoints SET position = 0');
      expect(() => side.reports.clearanceReport({ year: 2016 })).toThrow(ReadModelsNotReadyError);
      expect(await side.read((r) => r.clearanceReport({ year: 2016 }).baseline)).toBe(2);
      expect(side.reports.clearanceReport({ year: 2016 }).baseline).toBe(2);
    } finally {
      await side.close();
    }
  });

  it('verifies the read models against a rebuild and the direct fold, and names a row edited behind their back', async () => {
    await ledger.recordDivisionTree(divisions, '2016-01-01');
    await record([...identifiedHousehold('h1'), ...identifiedHousehold('h2')]);
    const side = await ReadSide.open(ledger);
    try {
      const healthy = await side.verifyReadModels();
      expect(healthy).toMatchObject({ position: await ledger.store.headPosition(), divisions: 2, periods: { years: 1, months: 4 }, differenceCount: 0, differences: [] });
      expect(healthy.reportsCompared).toBe(2 * (1 * 2 + 4 * 2));
      const db = (ledger.store as SqliteEventStore).db;
      db.exec("UPDATE proj_status_changes SET occurred_on = '2016-03-15' WHERE household_id = 'h2' AND event_type = 'HouseholdIdentified'");
      const edited = await side.verifyReadModels();
      expect(edited.differenceCount).toBeGreaterThan(0);
      expect(edited.differences).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'row', where: 'proj_status_changes', detail: expect.stringContaining('in the table, not in a rebuild from the log') }),
          expect.objectContaining({ kind: 'row', where: 'proj_status_changes', detail: expect.stringContaining('missing from the table') }),
        ]),
      );
      // The backlog reads the household records (decision 110): h2 identified earlier owes referrals from another date.
      editHouseholdRecord(db, 'h2', (p) => ({ ...p, t: { ...p.t, statuses: p.t.statuses.map((s): typeof s => (s[2] === 'HouseholdIdentified' ? [s[0], '2016-03-15', s[2], s[3], s[4]] : s)) } }));
      const record = await side.verifyReadModels();
      expect(record.differences).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'row', where: 'agg_household_progress', detail: expect.stringContaining('in the table, not in a rebuild from the log') }),
          expect.objectContaining({ kind: 'report', where: 'backlog V1 2016-12-31', detail: expect.stringContaining('referralsOwed: read model') }),
        ]),
      );
      // The monthly table reads the division counters: a counter edited behind their back is a row and a figure apart.
      (ledger.store as SqliteEventStore).db.exec("UPDATE agg_village_series SET initial = initial + 1 WHERE key = 'stock.identified' AND village = 'V1'");
      const counters = await side.verifyReadModels();
      expect(counters.differences).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'row', where: 'agg_village_series', detail: expect.stringContaining('in the table, not in a rebuild from the log') }),
          expect.objectContaining({ kind: 'report', where: 'monthly V1 2016-03', detail: expect.stringContaining('stockAtStart: read model 1, log 0; stockAtEnd: read model 1, log 0') }),
        ]),
      );
      // A status no event could have left makes the read model's own report fail: that is a difference too, not a crash.
      editHouseholdRecord(db, 'h1', (p) => ({ ...p, t: { ...p.t, statuses: p.t.statuses.map((s): typeof s => (s[2] === 'HouseholdIdentified' ? [s[0], s[1], s[2], s[3], 'cleared'] : s)) } }));
      const impossible = await side.verifyReadModels();
      expect(impossible.differences).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'report', where: 'backlog R 2016-12-31', detail: expect.stringContaining('failed') })]));
    } finally {
      await side.close();
    }
  });
});
