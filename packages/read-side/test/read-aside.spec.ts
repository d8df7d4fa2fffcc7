import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HouseholdCommand, referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { ReportAside, UnknownDivisionError } from '@hearth/projections';
import { ReadSide } from '../src';
import { identifiedHousehold } from './support/identified-household';

const divisions = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'V1', name: 'Village', parentCode: 'R', level: 'village' },
  { code: 'V2', name: 'Village', parentCode: 'R', level: 'village' },
];

const backlog = (division?: string) => ({ report: 'backlogReport' as const, args: [{ asOf: '2016-06-30', ...(division !== undefined ? { division } : {}) }] as [{ asOf: string; division?: string }] });
const owedTo = (b: { referralsOwed: readonly { householdId: string }[] }): string[] => b.referralsOwed.map((r) => r.householdId);

describe('a report read in the report worker (docs/decisions/0112)', () => {
  let dir: string;
  let ledger: Ledger;
  let side: ReadSide | undefined;
  const record = async (commands: HouseholdCommand[]) => {
    for (const c of commands) expect((await ledger.commandHandler().handle(c, ledger.context())).status).toBe('accepted');
  };
  const open = async (storeUrl: string): Promise<ReadSide> => {
    ledger = await Ledger.open({ storeUrl, policy: referencePolicy });
    await ledger.recordDivisionTree(divisions, '2016-01-01');
    await record(identifiedHousehold('h1'));
    side = await ReadSide.open(ledger);
    return side;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-read-aside-'));
  });
  afterEach(async () => {
    await side?.close();
    side = undefined;
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('answers as the same report read in this thread, remembers it while the log stands still, and reads again after an event', async () => {
    const s = await open(`sqlite:${join(dir, 'h.db')}`);
    const read = jest.spyOn(ReportAside.prototype, 'read');
    const first = await s.readAside(backlog());
    expect(first).toEqual(await s.read((r) => r.backlogReport({ asOf: '2016-06-30' })));
    expect(owedTo(first)).toEqual(['h1']);
    expect(read).toHaveBeenCalledTimes(1);
    expect(await s.readAside(backlog())).toBe(first);
    expect(read).toHaveBeenCalledTimes(1);

    // An event appended before the call is counted: the answer is never older than the log.
    await record(identifiedHousehold('h2', 'V2'));
    const after = await s.readAside(backlog());
    expect(read).toHaveBeenCalledTimes(2);
    expect(owedTo(after)).toEqual(['h1', 'h2']);
    expect(owedTo(await s.readAside(backlog('V2')))).toEqual(['h2']);
  });

  it('reads the same call asked twice at once only once', async () => {
    const s = await open(`sqlite:${join(dir, 'h.db')}`);
    const read = jest.spyOn(ReportAside.prototype, 'read');
    const [a, b] = await Promise.all([s.readAside(backlog()), s.readAside(backlog())]);
    expect(a).toBe(b);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('rejects an unknown division with the error the query gives read here', async () => {
    const s = await open(`sqlite:${join(dir, 'h.db')}`);
    await expect(s.readAside(backlog('V9'))).rejects.toEqual(new UnknownDivisionError('V9'));
    await expect(s.readAside(backlog('V9'))).rejects.toBeInstanceOf(UnknownDivisionError);
  });

  it('read models in a file of their own are read in the worker too', async () => {
    ledger = await Ledger.open({ storeUrl: 'memory:', policy: referencePolicy });
    await ledger.recordDivisionTree(divisions, '2016-01-01');
    await record(identifiedHousehold('h1'));
    side = await ReadSide.open(ledger, { readModels: `sqlite:${join(dir, 'rm.db')}` });
    const read = jest.spyOn(ReportAside.prototype, 'read');
    expect(owedTo(await side.readAside(backlog()))).toEqual(['h1']);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('cuts an analyst\'s answer from the whole tree\'s suppressed tables, remembered by the cut', async () => {
    const s = await open(`sqlite:${join(dir, 'h.db')}`);
    await record(identifiedHousehold('h2', 'V2'));
    const year = { report: 'suppressedClearanceYear' as const, args: [{ year: 2016, suppressBelow: 5 }] as [{ year: number; suppressBelow: number }] };
    const whole = await s.read((r) => r.suppressedClearanceYear({ year: 2016, suppressBelow: 5 }));
    const byChild = await s.readAside(year, { table: 'annual', scope: { byChild: true } });
    expect(byChild).toEqual({ ...whole.annual, rows: whole.annual.rows.filter((r) => r.division !== 'R') });
    // One identified household a village: each count of one is suppressed.
    expect((byChild as { rows: { identifiedInYear: number | null }[] }).rows.map((r) => r.identifiedInYear)).toEqual([null, null]);
    expect(await s.readAside(year, { table: 'annual', scope: { byChild: true } })).toBe(byChild);
    expect(await s.readAside(year, { table: '2016-04', scope: { division: 'V2', byChild: false } })).toEqual(whole.months[3]?.rows.find((r) => r.division === 'V2'));
  });

  it.each([
    ['in the worker, read models in a file', true],
    ['in this thread, read models in memory', false],
  ])('cuts several rows of an analyst\'s answer from one whole read at one position, and names it (%s)', async (_where, inAFile) => {
    const s = await open(inAFile ? `sqlite:${join(dir, 'h.db')}` : 'memory:');
    await record(identifiedHousehold('h2', 'V2'));
    const year = { report: 'suppressedClearanceYear' as const, args: [{ year: 2016, suppressBelow: 5 }] as [{ year: number; suppressBelow: number }] };
    const whole = await s.read((r) => r.suppressedClearanceYear({ year: 2016, suppressBelow: 5 }));
    const read = jest.spyOn(ReportAside.prototype, 'read');
    const { value, position } = await s.readAsideCuts(year, [{ table: '2016-04', scope: { byChild: false } }, { table: '2016-04', scope: { byChild: true } }]);
    expect(read).toHaveBeenCalledTimes(inAFile ? 1 : 0);
    expect(position).toBe(await ledger.store.headPosition());
    const april = whole.months[3];
    expect(value).toEqual([april?.rows.find((r) => r.division === 'R'), { ...april, rows: april?.rows.filter((r) => r.division !== 'R') }]);
  });

  it('read models in memory, which no other connection can open, are read in this thread', async () => {
    const s = await open('memory:');
    const read = jest.spyOn(ReportAside.prototype, 'read');
    const first = await s.readAside(backlog());
    expect(owedTo(first)).toEqual(['h1']);
    expect(await s.readAside(backlog())).toBe(first);
    const year = { report: 'suppressedClearanceYear' as const, args: [{ year: 2016, suppressBelow: 5 }] as [{ year: number; suppressBelow: number }] };
    const whole = await s.read((r) => r.suppressedClearanceYear({ year: 2016, suppressBelow: 5 }));
    expect(await s.readAside(year, { table: 'annual', scope: { division: 'V1', byChild: false } })).toEqual(whole.annual.rows.find((r) => r.division === 'V1'));
    expect(read).not.toHaveBeenCalled();
  });
});
