import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@hearth/event-store';
import { interceptedStore } from '@hearth/event-store/testing';
import {
  callReport, CutReport, cutReport, openProjections, Projections, ReportAside, ReportAsideClosedError, ReportCall, ReportCut, ReportCutError, UnknownDivisionError,
} from '../src';
import { feed } from './support/feed';
import { generatedRegion } from './support/generated-region';
import { context, policy, region } from './support/region';

/**
 * The report worker (docs/decisions/0112) reads the read models' file on a connection of
 * its own, in a thread of its own: what it answers must be what the same call answers
 * in the service's thread, read at a position where every projection stands as one.
 */
describe('reports read in the report worker', () => {
  let dir: string;
  let store: SqliteEventStore;
  let projections: Projections;
  let aside: ReportAside;
  let head: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-report-aside-'));
    store = SqliteEventStore.open(join(dir, 'store.db'));
    head = (await feed(store, generatedRegion(40), context)).lastPosition;
    projections = openProjections(store, { policy, divisions: region });
    await projections.runner.catchUp();
    if (!projections.aside) throw new Error('expected a report worker for read models in a file');
    aside = projections.aside;
  });
  afterAll(async () => {
    await projections.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const calls: ReportCall[] = [
    ...region.all.map((d) => ({ report: 'backlogReport' as const, args: [{ asOf: '2019-06-30', division: d.code }] as const })),
    { report: 'backlogReport', args: [{ asOf: '2017-03-01' }] },
    { report: 'clearanceReport', args: [{ year: 2018, subtree: true }] },
    { report: 'monthlyReport', args: [{ month: '2018-03', byChild: true, division: 'P1' }] },
    { report: 'progressReport', args: [{ month: '2019-06', subtree: true }] },
    { report: 'householdStatuses', args: [{ division: 'C1' }] },
    { report: 'suppressedClearanceYear', args: [{ year: 2018, suppressBelow: 5 }] },
    { report: 'suppressedProgress', args: [{ month: '2019-06', suppressBelow: 5 }] },
  ];

  it('answers every report as the same call answers it in this thread', async () => {
    for (const call of calls) {
      const seen = await aside.read(head, call);
      expect(seen?.position).toBe(head);
      expect(seen?.value).toEqual(callReport(projections.reports, call));
    }
    // The region's households owe something at some date, so the comparison above is not of empty lists.
    expect((await aside.read(head, calls[0] as ReportCall<'backlogReport'>))?.value.referralsOwed.length).toBeGreaterThan(0);
  });

  it('cuts an analyst\'s answer from the whole tree\'s suppressed tables there, as the same cut of them read here', async () => {
    const parentOf = (code: string) => region.get(code)?.parentCode;
    const year: ReportCall<'suppressedClearanceYear'> = { report: 'suppressedClearanceYear', args: [{ year: 2018, suppressBelow: 5 }] };
    const progress: ReportCall<'suppressedProgress'> = { report: 'suppressedProgress', args: [{ month: '2019-06', suppressBelow: 5 }] };
    const cuts: [ReportCall<CutReport>, ReportCut][] = [
      [year, { table: 'annual', scope: { byChild: true } }],
      [year, { table: '2018-03', scope: { division: 'C1', byChild: true } }],
      [year, { table: '2018-11', scope: { division: 'V3', byChild: false } }],
      [progress, { scope: { division: 'P1', byChild: true } }],
      [progress, { scope: { byChild: false } }],
    ];
    for (const [call, cut] of cuts) {
      const seen = await aside.read(head, call, cut);
      expect(seen?.position).toBe(head);
      expect(seen?.value).toEqual(cutReport(call, callReport(projections.reports, call), cut, parentOf));
    }
    // Some cell of the year is suppressed, so the cuts compare suppressed tables.
    const whole = projections.reports.suppressedClearanceYear({ year: 2018, suppressBelow: 5 });
    expect([whole.annual, ...whole.months].some((t) => t.rows.some((r) => r.suppressed.length > 0))).toBe(true);
    await expect(aside.read(head, year, { table: 'annual', scope: { division: 'V9', byChild: false } })).rejects.toEqual(new UnknownDivisionError('V9'));
    // A month of another year is never answered with this year's month of the same number.
    await expect(aside.read(head, year, { table: '2019-03', scope: { byChild: true } })).rejects.toBeInstanceOf(ReportCutError);
  });

  it('cuts several rows of one answer in one read, each as the same cut read alone, at the one position they were read at', async () => {
    const parentOf = (code: string) => region.get(code)?.parentCode;
    const progress: ReportCall<'suppressedProgress'> = { report: 'suppressedProgress', args: [{ month: '2019-06', suppressBelow: 5 }] };
    const cuts: ReportCut[] = [{ scope: { division: 'P1', byChild: false } }, { scope: { division: 'P1', byChild: true } }];
    const seen = await aside.read(head, progress, cuts);
    expect(seen?.position).toBe(head);
    const whole = callReport(projections.reports, progress);
    expect(seen?.value).toEqual(cuts.map((cut) => cutReport(progress, whole, cut, parentOf)));
  });

  it('answers nothing when asked for a position the read models have not reached', async () => {
    expect(await aside.read(head + 1, { report: 'backlogReport', args: [{ asOf: '2019-06-30' }] })).toBeUndefined();
  });

  it('reads what is committed, never a batch still open on the service\'s connection', async () => {
    const db = store.embeddedReadModels.database;
    const call: ReportCall = { report: 'clearanceReport', args: [{ year: 2018 }] };
    const before = callReport(projections.reports, call);
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec('UPDATE projection_checkpoints SET position = position + 100');
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'proj%' OR name LIKE 'agg%')").pluck().all() as string[];
      for (const t of tables) db.exec(`DELETE FROM ${t}`);
      expect(callReport(projections.reports, call)).not.toEqual(before);
      expect(await aside.read(head + 100, call)).toBeUndefined();
      expect((await aside.read(head, call))?.value).toEqual(before);
    } finally {
      db.exec('ROLLBACK');
    }
  });

  it('answers nothing while the projections stand at different positions (one reset by a rebuild elsewhere)', async () => {
    const crashing = openProjections(interceptedStore(store, { readFeed: () => Promise.reject(new Error('killed after the reset')) }), { policy, divisions: region });
    try {
      await expect(crashing.rebuild(['household-status'])).rejects.toThrow('killed after the reset');
      expect(await aside.read(0, { report: 'clearanceReport', args: [{ year: 2018 }] })).toBeUndefined();
    } finally {
      await crashing.close();
      await projections.runner.catchUp();
    }
    expect((await aside.read(head, { report: 'clearanceReport', args: [{ year: 2018 }] }))?.position).toBe(head);
  });

  it('fails a read still waiting when it is closed, and reads no more', async () => {
    const own = new ReportAside({ file: join(dir, 'store.db'), policy, divisions: region.all, projections: ['household-status'] });
    const waiting = expect(own.read(0, { report: 'backlogReport', args: [{ asOf: '2019-06-30' }] })).rejects.toBeInstanceOf(ReportAsideClosedError);
    await own.close();
    await waiting;
    await expect(own.read(0, { report: 'backlogReport', args: [{ asOf: '2019-06-30' }] })).rejects.toBeInstanceOf(ReportAsideClosedError);
  });

  it('is not offered for read models in memory, which no other connection can open', async () => {
    const memory = SqliteEventStore.open(':memory:');
    const inMemory = openProjections(memory, { policy, divisions: region });
    try {
      expect(inMemory.aside).toBeUndefined();
    } finally {
      await inMemory.close();
      await memory.close();
    }
  });
});
