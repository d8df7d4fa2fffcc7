import { DIVISIONS_STREAM } from '@hearth/domain';
import type { Ledger } from '@hearth/ledger';
import { ClearanceReportQuery, HEARTH_LEDGER, HEARTH_READ_SIDE, HearthReadSide } from '../src';
import { HearthApp, hearthApp, scratch } from './support/hearth-app';
import { identification, registration } from './support/region';

/**
 * The API syncs the division tree once a request (`withSyncedTree`); the checks the module
 * makes for embedders (report queries, the command executor) must not read the division
 * stream's version a second time inside that request — and must still read it outside one.
 */
describe('the division tree synced once for a piece of work', () => {
  let tmp: ReturnType<typeof scratch>;
  let running: HearthApp;
  let readSide: HearthReadSide;
  let versionReads: jest.SpyInstance;

  beforeAll(async () => {
    tmp = scratch();
    running = await hearthApp({ store: tmp.store });
    await running.recordTree();
    await running.record(identification('hh-1'));
    readSide = running.app.get(HEARTH_READ_SIDE);
    const ledger: Ledger = running.app.get(HEARTH_LEDGER);
    versionReads = jest.spyOn(ledger.store, 'streamVersion');
  });
  afterAll(async () => {
    versionReads.mockRestore();
    await running.app.close();
    tmp.remove();
  });
  beforeEach(() => versionReads.mockClear());

  const divisionVersionReads = (): number => versionReads.mock.calls.filter(([stream]) => stream === DIVISIONS_STREAM).length;

  it('is checked by a report query and by a command on their own', async () => {
    await running.queries.execute(new ClearanceReportQuery({ year: 2016 }));
    expect(divisionVersionReads()).toBe(1);
    expect(await running.send(registration('hh-2'))).toMatchObject({ status: 'accepted' });
    expect(divisionVersionReads()).toBe(2);
  });

  it('is read once for a request that sends a command and then asks for a report', async () => {
    const report = await readSide.withSyncedTree(async () => {
      expect(await running.send(registration('hh-3'))).toMatchObject({ status: 'accepted' });
      return running.queries.execute(new ClearanceReportQuery({ year: 2016 }));
    });
    expect(report).toMatchObject({ identifiedInYear: 1 });
    expect(divisionVersionReads()).toBe(1);
  });

  it('is checked again by work started after the scope', async () => {
    await readSide.withSyncedTree(() => undefined);
    await running.queries.execute(new ClearanceReportQuery({ year: 2016 }));
    expect(divisionVersionReads()).toBe(2);
  });
});
