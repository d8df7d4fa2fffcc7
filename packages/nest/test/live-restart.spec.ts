import type { Ledger } from '@hearth/ledger';
import { ClearanceReportQuery, HEARTH_LEDGER, HearthReadSide, ReadModelStatusQuery } from '../src';
import { hearthApp } from './support/hearth-app';
import { identification } from './support/region';

const until = async (done: () => boolean): Promise<void> => {
  while (!done()) await new Promise((r) => setTimeout(r, 20));
};

describe('the live projection runner, when its subscription fails', () => {
  it('is reported degraded, with the error, while the restarts keep meeting it', async () => {
    const hearth = await hearthApp({ store: 'memory:' });
    try {
      await hearth.recordTree();
      await hearth.record(identification('hh-1'));
      await hearth.queries.execute(new ClearanceReportQuery({ year: 2016 }));
      const side = hearth.app.get(HearthReadSide);
      expect(side.liveness()).toEqual({ live: true, degraded: false, restarts: 0, lastError: null });

      // An event the read models cannot decode (as a damaged store would hold): the live runner stops on it, and every restart meets it again.
      // Its metadata has a date, so that its data is what stops them (an event without one is refused for that, decision 97).
      const ledger = hearth.app.get<Ledger>(HEARTH_LEDGER);
      await ledger.store.appendToStream('household-hh-bad', [{ eventId: 'bad', type: 'HouseholdRegistered', data: {}, metadata: { occurredOn: '2016-08-01' } as never }], 'no_stream');
      await until(() => side.liveness().degraded);
      expect(side.liveness()).toMatchObject({ live: false, degraded: true, restarts: 0, lastError: { message: expect.stringContaining('not a valid household event') } });
      expect(await hearth.queries.execute(new ReadModelStatusQuery())).toMatchObject({ live: false });
      // Restarts are tried (each catches up from the checkpoints and meets the event again): none succeeds.
      await new Promise((r) => setTimeout(r, 700));
      expect(side.liveness()).toMatchObject({ degraded: true, restarts: 0 });
    } finally {
      await hearth.app.close();
    }
  });
});
