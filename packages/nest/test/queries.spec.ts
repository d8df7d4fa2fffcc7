import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as E from 'fp-ts/Either';
import { parseKnownAt } from '@hearth/projections';
import {
  BacklogReportQuery, ClearanceReportQuery, DisclosedClearanceQuery, DisclosedProgressQuery, DivisionTreeQuery, HouseholdHistoryQuery, InvalidQueryError, MonthlyReportQuery, MonthsOfYearQuery, ReportTablesQuery,
  NoDivisionTreeError, ProgressReportQuery, ReadModelStatusQuery, RecordDivisionTreeCommand, UnknownDivisionError, UnknownHouseholdError, VerifyLogQuery,
} from '../src';
import { hearthApp, HearthApp, scratch } from './support/hearth-app';
import { divisions, identification, registration } from './support/region';

const HEARTH_CLI = join(__dirname, '../../../apps/cli/bin/hearth.js');

/** What `hearth --json …` prints, parsed. */
const cli = async (store: string, args: string[]): Promise<unknown> => {
  const { stdout } = await promisify(execFile)(process.execPath, [HEARTH_CLI, '--store', store, '--json', ...args]);
  return JSON.parse(stdout);
};

/** What a caller of the QueryBus would serialise. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('queries before and after the division tree is recorded', () => {
  const tmp = scratch();
  let hearth: HearthApp;
  beforeAll(async () => {
    hearth = await hearthApp({ store: tmp.store });
  });
  afterAll(async () => {
    await hearth.app.close();
    tmp.remove();
  });

  it('without a tree, report and tree queries reject with NoDivisionTreeError and the status says nothing is projected', async () => {
    await expect(hearth.queries.execute(new DivisionTreeQuery())).rejects.toBeInstanceOf(NoDivisionTreeError);
    await expect(hearth.queries.execute(new ClearanceReportQuery({ year: 2016 }))).rejects.toBeInstanceOf(NoDivisionTreeError);
    await expect(hearth.queries.execute(new BacklogReportQuery({ asOf: '2016-06-01' }))).rejects.toBeInstanceOf(NoDivisionTreeError);
    expect(await hearth.queries.execute(new ReadModelStatusQuery())).toEqual({ position: 0, head: 0, behind: 0, live: false });
    // Commands are decided against an empty tree: no household can be registered yet.
    expect(await hearth.send(registration('hh-0'))).toMatchObject({ status: 'rejected', error: { code: 'UNKNOWN_DIVISION' } });
  });

  it('once a tree is recorded through the module, the tree is answered and the read models open on it, following live', async () => {
    await hearth.recordTree();
    expect(await hearth.queries.execute(new DivisionTreeQuery())).toEqual({ root: 'R', divisions: expect.arrayContaining(divisions), retired: [] });
    expect((await hearth.queries.execute(new DivisionTreeQuery())).divisions).toHaveLength(divisions.length);
    await hearth.record(identification('hh-1'));
    expect(await hearth.queries.execute(new ClearanceReportQuery({ year: 2016 }))).toMatchObject({ division: 'R', identifiedInYear: 1 });
    const status = await hearth.queries.execute(new ReadModelStatusQuery());
    expect(status).toEqual({ position: status.head, head: status.head, behind: 0, live: true });
    expect(status.head).toBe(5); // the tree, then four household events
  });

  it('a changed tree recorded through the module reopens the read models on it', async () => {
    const grown = [...divisions, { code: 'V3', name: 'Village three', parentCode: 'R', level: 'village' }];
    expect(await hearth.commands.execute(new RecordDivisionTreeCommand(grown, '2016-06-01'))).toEqual(E.right({ changed: true, divisions: 4, moved: 0, effectiveFrom: '2016-06-01' }));
    await hearth.record(identification('hh-3', 'V3'));
    expect((await hearth.queries.execute(new DivisionTreeQuery())).divisions).toHaveLength(4);
    expect(await hearth.queries.execute(new ClearanceReportQuery({ year: 2016, division: 'V3' }))).toMatchObject({ division: 'V3', identifiedInYear: 1 });
    expect(await hearth.queries.execute(new ClearanceReportQuery({ year: 2016 }))).toMatchObject({ division: 'R', identifiedInYear: 2 });
    expect(await hearth.queries.execute(new ReadModelStatusQuery())).toMatchObject({ behind: 0, live: true });
  });
});

describe('query results are what the CLI prints with --json', () => {
  const tmp = scratch();
  const results: Record<string, unknown> = {};
  const tables: { together: unknown[]; alone: unknown[] }[] = [];
  let monthsRefused: unknown;
  beforeAll(async () => {
    const hearth = await hearthApp({ store: tmp.store });
    try {
      await hearth.recordTree();
      await hearth.record([...identification('hh-1', 'V1'), ...identification('hh-2', 'V2'), registration('hh-3', 'V2')]);
      await hearth.record([{ type: 'ReferToJob', householdId: 'hh-1', on: '2016-05-01', referralId: 'r1', memberId: 'm1', employer: 'Factory', position: 'Assembler', place: 'in-region', form: 'enterprise', offeredMonthlyWage: 2800 }]);
      const q = hearth.queries;
      results['clearance'] = await q.execute(new ClearanceReportQuery({ year: 2016, byChild: true }));
      results['monthly'] = await q.execute(new MonthlyReportQuery({ month: '2016-04' }));
      results['progress'] = await q.execute(new ProgressReportQuery({ month: '2016-05', division: 'V1' }));
      results['backlog'] = await q.execute(new BacklogReportQuery({ asOf: '2016-12-01' }));
      results['history'] = await q.execute(new HouseholdHistoryQuery('hh-1', '2016-03-15'));
      // knownAt as text, and as an edge that read it once hands it on (the API's route): the same answer.
      results['history known at'] = await q.execute(new HouseholdHistoryQuery('hh-1', '2016-03-15', '2999-12-31T08:00+08:00'));
      const read = parseKnownAt('2999-12-31T08:00+08:00');
      results['history known at, as read'] = E.isRight(read) ? await q.execute(new HouseholdHistoryQuery('hh-1', '2016-03-15', read.right)).catch((e: unknown) => e) : read.left;
      results['verify'] = await q.execute(new VerifyLogQuery());
      // A table and its children's rows in one snapshot (an export's, a dashboard page's: decisions 0162, 0165), against each read alone.
      const head = (await q.execute(new ReadModelStatusQuery())).head;
      const year = async (byChild: boolean, suppressBelow?: number) =>
        q.execute(suppressBelow === undefined ? new ClearanceReportQuery({ year: 2016, byChild }) : new DisclosedClearanceQuery({ year: 2016, table: 'annual', byChild, suppressBelow }));
      tables.push({
        together: [await q.execute(new ReportTablesQuery({ report: 'clearance', year: 2016 })), await q.execute(new ReportTablesQuery({ report: 'clearance', year: 2016, suppressBelow: 2 }))],
        alone: [{ total: await year(false), byChild: await year(true), position: head }, { total: await year(false, 2), byChild: await year(true, 2), position: head }],
      });
      for (const [report, month, division] of [['monthly', '2016-04', undefined], ['progress', '2016-05', 'R']] as const) {
        const scope = { month, ...(division !== undefined ? { division } : {}) };
        const alone = async (byChild: boolean, suppressBelow?: number) =>
          q.execute(
            suppressBelow === undefined
              ? report === 'monthly' ? new MonthlyReportQuery({ ...scope, byChild }) : new ProgressReportQuery({ ...scope, byChild })
              : report === 'monthly' ? new DisclosedClearanceQuery({ year: 2016, table: month, ...scope, byChild, suppressBelow }) : new DisclosedProgressQuery({ ...scope, byChild, suppressBelow }),
          );
        tables.push({
          together: [await q.execute(new ReportTablesQuery({ report, ...scope })), await q.execute(new ReportTablesQuery({ report, ...scope, suppressBelow: 2 }))],
          alone: [{ total: await alone(false), byChild: await alone(true), position: head }, { total: await alone(false, 2), byChild: await alone(true, 2), position: head }],
        });
      }
      // A year's twelve monthly tables of a division in one snapshot (the identified-stock page: decision 0168), against each month read alone.
      const months = Array.from({ length: 12 }, (_, i) => `2016-${String(i + 1).padStart(2, '0')}`);
      const month = (m: string, suppressBelow?: number) =>
        q.execute(suppressBelow === undefined ? new MonthlyReportQuery({ month: m, division: 'V1' }) : new DisclosedClearanceQuery({ year: 2016, table: m, division: 'V1', suppressBelow }));
      tables.push({
        together: [await q.execute(new MonthsOfYearQuery({ year: 2016, division: 'V1' })), await q.execute(new MonthsOfYearQuery({ year: 2016, division: 'V1', suppressBelow: 2 }))],
        alone: [{ months: await Promise.all(months.map((m) => month(m))), position: head }, { months: await Promise.all(months.map((m) => month(m, 2))), position: head }],
      });
      monthsRefused = await q.execute(new MonthsOfYearQuery({ year: 99 })).catch((e: unknown) => e);
    } finally {
      await hearth.app.close();
    }
  });
  afterAll(() => tmp.remove());

  it.each([
    ['clearance', ['report', 'clearance', '--year', '2016', '--by-child']],
    ['monthly', ['report', 'monthly', '--month', '2016-04']],
    ['progress', ['report', 'progress', '--month', '2016-05', '--division', 'V1']],
    ['backlog', ['report', 'backlog', '--as-of', '2016-12-01']],
    ['history', ['history', 'hh-1', '--as-of', '2016-03-15']],
    ['history known at', ['history', 'hh-1', '--as-of', '2016-03-15', '--known-at', '2999-12-31T08:00+08:00']],
    ['history known at, as read', ['history', 'hh-1', '--as-of', '2016-03-15', '--known-at', '2999-12-31T08:00+08:00']],
    ['verify', ['verify']],
  ])('%s', async (name, args) => {
    expect(asJson(results[name])).toEqual(await cli(tmp.store, args));
  }, 30_000);

  it('a year\'s or a month\'s tables, or a year\'s months, asked together are those asked alone, at the position the read models stand at, an analyst\'s suppressed', () => {
    expect(tables).toHaveLength(4);
    for (const { together, alone } of tables) expect(together).toEqual(alone);
    // Suppressed at 2, the single households of the villages are hidden: the analyst's rows are not the auditor's.
    for (const { together } of tables) expect(together[1]).not.toEqual(together[0]);
  });

  it('a year\'s months asked with a year that is not one are refused, naming the year', () => {
    expect(monthsRefused).toBeInstanceOf(InvalidQueryError);
    expect(monthsRefused).toMatchObject({ field: 'year' });
  });

  it('the figures are not empty (the comparison compares something)', () => {
    expect(results['clearance']).toMatchObject({ rows: [{ division: 'V1', identifiedInYear: 1 }, { division: 'V2', identifiedInYear: 1 }] });
    expect((results['history'] as { events: unknown[] }).events).toHaveLength(3);
    expect((results['verify'] as { events: number }).events).toBe(11); // the tree, 4 + 4 + 1 household events, the referral
  });
});

describe('queries that cannot be answered', () => {
  const tmp = scratch();
  let hearth: HearthApp;
  beforeAll(async () => {
    hearth = await hearthApp({ store: tmp.store });
    await hearth.recordTree();
  });
  afterAll(async () => {
    await hearth.app.close();
    tmp.remove();
  });

  it('an unknown household rejects with UnknownHouseholdError', async () => {
    await expect(hearth.queries.execute(new HouseholdHistoryQuery('nobody'))).rejects.toBeInstanceOf(UnknownHouseholdError);
  });

  it('an unknown division rejects with UnknownDivisionError', async () => {
    await expect(hearth.queries.execute(new ClearanceReportQuery({ year: 2016, division: 'X9' }))).rejects.toBeInstanceOf(UnknownDivisionError);
    await expect(hearth.queries.execute(new BacklogReportQuery({ asOf: '2016-06-01', division: 'X9' }))).rejects.toBeInstanceOf(UnknownDivisionError);
    // Cut in the report worker: the error crosses the thread as itself.
    await expect(hearth.queries.execute(new DisclosedClearanceQuery({ year: 2016, table: 'annual', division: 'X9', suppressBelow: 5 }))).rejects.toBeInstanceOf(UnknownDivisionError);
    await expect(hearth.queries.execute(new ReportTablesQuery({ report: 'progress', month: '2016-04', division: 'X9' }))).rejects.toBeInstanceOf(UnknownDivisionError);
    await expect(hearth.queries.execute(new ReportTablesQuery({ report: 'monthly', month: '2016-04', division: 'X9', suppressBelow: 5 }))).rejects.toBeInstanceOf(UnknownDivisionError);
    await expect(hearth.queries.execute(new ReportTablesQuery({ report: 'clearance', year: 2016, division: 'X9' }))).rejects.toBeInstanceOf(UnknownDivisionError);
    await expect(hearth.queries.execute(new ReportTablesQuery({ report: 'clearance', year: 2016, division: 'X9', suppressBelow: 5 }))).rejects.toBeInstanceOf(UnknownDivisionError);
  });

  it.each([
    ['year', new ClearanceReportQuery({ year: 16 })],
    ['month', new MonthlyReportQuery({ month: '2016-13' })],
    ['month', new ProgressReportQuery({ month: '2016-5' })],
    ['asOf', new BacklogReportQuery({ asOf: '' })],
    ['asOf', new HouseholdHistoryQuery('hh-1', '2016-02-30')],
    ['knownAt', new HouseholdHistoryQuery('hh-1', undefined, '2016-03-15T10:00')],
    // Not what parseKnownAt reads any text as: its milliseconds are another instant's.
    ['knownAt', new HouseholdHistoryQuery('hh-1', undefined, { instant: '2016-03-15T10:00:00.000Z', ms: 0 })],
    ['division', new MonthlyReportQuery({ month: '2016-04', division: '' })],
    ['table', new DisclosedClearanceQuery({ year: 2016, table: '2017-04', suppressBelow: 5 })],
    ['suppressBelow', new DisclosedProgressQuery({ month: '2016-04', suppressBelow: -1 })],
    ['report', new ReportTablesQuery({ report: 'annual' as 'monthly', month: '2016-04' })],
    ['month', new ReportTablesQuery({ report: 'progress', month: '2016-4' })],
    ['year', new ReportTablesQuery({ report: 'clearance', year: 16 })],
    ['division', new ReportTablesQuery({ report: 'monthly', month: '2016-04', division: '' })],
    ['suppressBelow', new ReportTablesQuery({ report: 'monthly', month: '2016-04', suppressBelow: 0.5 })],
  ])('a malformed %s rejects with InvalidQueryError naming it', async (field, query) => {
    await expect(hearth.queries.execute(query)).rejects.toMatchObject({ constructor: InvalidQueryError, field });
  });
});

describe("on a 'memory:' store (read models in a private in-memory database)", () => {
  it('records, follows and reports as on SQLite', async () => {
    const hearth = await hearthApp({ store: 'memory:' });
    try {
      await hearth.recordTree();
      await hearth.record([...identification('hh-1'), ...identification('hh-2', 'V2')]);
      expect(await hearth.queries.execute(new ClearanceReportQuery({ year: 2016, byChild: true }))).toMatchObject({
        division: 'R', rows: [{ division: 'V1', identifiedInYear: 1 }, { division: 'V2', identifiedInYear: 1 }],
      });
      expect(await hearth.queries.execute(new ReadModelStatusQuery())).toEqual({ position: 9, head: 9, behind: 0, live: true });
      expect((await hearth.queries.execute(new VerifyLogQuery())).anomalies).toEqual([]);
    } finally {
      await hearth.app.close();
    }
  });
});
