import { ReportAside, ReportAsideClosedError } from '@hearth/projections';
import { BacklogReportQuery, HEARTH_READ_SIDE, HearthReadSide } from '../src';
import { hearthApp, HearthApp, scratch } from './support/hearth-app';
import { identification } from './support/region';

/**
 * A new division tree reopens the read side, which closes its report worker (decision 0112):
 * a backlog read in that worker at that moment is read again on the new side, so the
 * caller gets its answer, not ReportAsideClosedError.
 */
describe('a report read aside while the read side reopens', () => {
  const tmp = scratch();
  let hearth: HearthApp;
  beforeAll(async () => {
    hearth = await hearthApp({ store: tmp.store });
    await hearth.recordTree();
    await hearth.record([...identification('hh-1'), ...identification('hh-2', 'V2')]);
  });
  afterAll(async () => {
    await hearth.app.close();
    tmp.remove();
    jest.restoreAllMocks();
  });

  it('answers from the new side', async () => {
    const readSide: HearthReadSide = hearth.app.get(HEARTH_READ_SIDE);
    const expected = await (await readSide.open()).read((r) => r.backlogReport({ asOf: '2016-12-31' }));
    const rejected: unknown[] = [];
    const original = ReportAside.prototype.read;
    const read = jest.spyOn(ReportAside.prototype, 'read').mockImplementation(async function (this: ReportAside, ...args: Parameters<ReportAside['read']>) {
      // The first read of the worker: the read side reopens (as on a new tree) before it is answered.
      if (read.mock.calls.length === 1) await readSide.reopen();
      try {
        return await Reflect.apply(original, this, args);
      } catch (e) {
        rejected.push(e);
        throw e;
      }
    } as never);
    const answer = await hearth.queries.execute(new BacklogReportQuery({ asOf: '2016-12-31' }));
    expect(answer).toEqual(expected);
    expect(rejected[0]).toBeInstanceOf(ReportAsideClosedError);
    expect(read).toHaveBeenCalledTimes(2);
  });
});
