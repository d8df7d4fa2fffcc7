import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { ClearanceReportQuery, DivisionTreeQuery, MonthlyReportQuery, VerifyLogQuery } from '../src';
import { HearthApp, hearthApp, scratch } from './support/hearth-app';
import { divisions, fixedNow, identification, registration } from './support/region';

/** The test region grown: a new prefecture P1 with a new village V3 (a code keeps its place for ever). */
const reorganised = [
  ...divisions,
  { code: 'P1', name: 'Prefecture one', parentCode: 'R', level: 'prefecture' },
  { code: 'V3', name: 'Village three', parentCode: 'P1', level: 'village' },
];

/** What `hearth divisions load` and `hearth import` do in processes of their own: the new tree, and a household identified under it. */
const reorganiseElsewhere = async (store: string): Promise<void> => {
  const other = await Ledger.open({ storeUrl: store, policy: referencePolicy, now: fixedNow });
  try {
    const recorded = await other.recordDivisionTree(reorganised, '2016-06-01');
    if (recorded._tag === 'Left') throw new Error(JSON.stringify(recorded.left));
    expect(recorded.right.changed).toBe(true);
    for (const c of identification('hh-elsewhere', 'V3')) expect(await other.commandHandler().handle(c, other.context())).toMatchObject({ status: 'accepted' });
  } finally {
    await other.close();
  }
};

/**
 * A running module with its read side open under the first tree, then the tree changed
 * by another process, then `check` run on the module; the answer a module started
 * afterwards (what a restart gave before) is passed in to compare with.
 */
const afterReorganisationElsewhere = async (check: (running: HearthApp, restarted: HearthApp) => Promise<void>): Promise<void> => {
  const tmp = scratch();
  try {
    const running = await hearthApp({ store: tmp.store });
    try {
      await running.recordTree();
      await running.record(identification('hh-1'));
      expect(await running.queries.execute(new ClearanceReportQuery({ year: 2016 }))).toMatchObject({ identifiedInYear: 1 });
      await reorganiseElsewhere(tmp.store);
      const restarted = await hearthApp({ store: tmp.store, follow: false });
      try {
        await check(running, restarted);
      } finally {
        await restarted.app.close();
      }
    } finally {
      await running.app.close();
    }
  } finally {
    tmp.remove();
  }
};

describe('a division tree recorded by another process, while the module runs', () => {
  it('is the tree the module answers with, without a restart', () =>
    afterReorganisationElsewhere(async (running) => {
      const tree = await running.queries.execute(new DivisionTreeQuery());
      expect(tree.divisions.map((d) => d.code).sort()).toEqual(['P1', 'R', 'V1', 'V2', 'V3']);
    }));

  it('is the tree reports roll up with: the running module answers as a module started afterwards does', () =>
    afterReorganisationElsewhere(async (running, restarted) => {
      for (const query of [() => new ClearanceReportQuery({ year: 2016, division: 'P1' }), () => new MonthlyReportQuery({ month: '2016-04', byChild: true })]) {
        const fresh: unknown = await restarted.queries.execute(query());
        expect(await running.queries.execute(query())).toEqual(fresh);
      }
      expect(await running.queries.execute(new ClearanceReportQuery({ year: 2016 }))).toMatchObject({ identifiedInYear: 2 });
      expect(await running.queries.execute(new ClearanceReportQuery({ year: 2016, division: 'P1' }))).toMatchObject({ identifiedInYear: 1 });
    }));

  it('is the tree commands are decided against: a household registers in a village only the new tree has', () =>
    afterReorganisationElsewhere(async (running) => {
      expect(await running.send(registration('hh-new', 'V3'))).toMatchObject({ status: 'accepted' });
    }));

  it('is replayed by verify: a household registered under it is no anomaly', () =>
    afterReorganisationElsewhere(async (running) => {
      const verified = await running.queries.execute(new VerifyLogQuery());
      expect(verified.anomalies).toEqual([]);
    }));
});
