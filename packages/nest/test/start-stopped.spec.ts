import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { checkpointPositions } from '@hearth/projections/testing';
import { ReadModelStatusQuery, StartStoppedError } from '../src';
import { hearthApp, scratch } from './support/hearth-app';
import { divisions, fixedNow, identification, TREE_DATE } from './support/region';

/**
 * A process asked to stop while its read models catch up at start stops after the page
 * being written, not at the end of the log (decision 123): at the full region a catch-up
 * from zero takes minutes to an hour, and a service that heard SIGTERM went on to the end,
 * then listened, then stopped. The pages written stay, and the next start resumes.
 */
describe('HearthModule: a stop requested during the catch-up at open', () => {
  let remove: () => void;
  afterEach(() => remove());

  it('stops the bootstrap after one page with StartStoppedError, keeps that page, and the next start catches up from it', async () => {
    const s = scratch();
    remove = s.remove;
    const ledger = await Ledger.open({ storeUrl: s.store, policy: referencePolicy, now: fixedNow });
    let head: number;
    try {
      await ledger.recordDivisionTree(divisions, TREE_DATE);
      // More than one page of 5,000 events.
      for (let i = 0; i < 1_400; i++)
        for (const c of identification(`hh-${i}`, i % 2 === 0 ? 'V1' : 'V2')) expect((await ledger.commandHandler().handle(c, ledger.context())).status).toBe('accepted');
      head = await ledger.store.headPosition();
    } finally {
      await ledger.close();
    }
    let asked = 0;
    const stopped = await hearthApp({ store: s.store, stopRequested: () => ++asked >= 1 }).then(
      async (started) => {
        await started.app.close();
        return 'started';
      },
      (e: unknown) => e,
    );
    expect(stopped).toBeInstanceOf(StartStoppedError);
    expect(asked).toBe(1);
    const kept = checkpointPositions(s.file);
    expect(new Set(kept).size).toBe(1);
    expect(kept[0]).toBeGreaterThan(0);
    expect(head).toBeGreaterThan(5_000);
    expect(kept[0]).toBeLessThan(head);

    const resumed = await hearthApp({ store: s.store });
    try {
      expect(await resumed.queries.execute(new ReadModelStatusQuery())).toMatchObject({ head, position: head, behind: 0 });
    } finally {
      await resumed.app.close();
    }
  }, 60_000);
});
