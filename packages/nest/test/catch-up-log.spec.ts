import { Logger } from '@nestjs/common';
import { referencePolicy, type HouseholdCommand } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import type { RunnerProgress } from '@hearth/projections';
import { catchUpLog, SERVICE_SPREAD_LOG_HINT } from '../src/read-side/catch-up-log';
import { hearthApp, scratch } from './support/hearth-app';
import { divisions, fixedNow, identification, TREE_DATE } from './support/region';

const page = (events: number, more: Partial<RunnerProgress> = {}): RunnerProgress => ({ projections: ['household-status'], position: events, head: 100_000, events, ...more });

/** A store file written by a ledger alone (its read models at zero), each household's steps in `order`. */
const storeWith = async (file: string, order: 'household' | 'date'): Promise<void> => {
  const ledger = await Ledger.open({ storeUrl: `sqlite:${file}`, policy: referencePolicy, now: fixedNow });
  try {
    await ledger.recordDivisionTree(divisions, TREE_DATE);
    const journeys = Array.from({ length: 12 }, (_, i) => identification(`hh-${i}`, i % 2 === 0 ? 'V1' : 'V2'));
    // Day by day: every household's first step, then every household's second, and so on.
    const commands: HouseholdCommand[] = order === 'household' ? journeys.flat() : (journeys[0] ?? []).flatMap((_, step) => journeys.map((j) => j[step] as HouseholdCommand));
    for (const c of commands) expect((await ledger.commandHandler().handle(c, ledger.context())).status).toBe('accepted');
  } finally {
    await ledger.close();
  }
};

/**
 * The service says how far a long catch-up at open is, and once that `hearth rebuild
 * --exclusive` would build its read models household by household when the log is spread
 * (decision 123).
 */
describe('the service log of a catch-up at open', () => {
  it('is silent for a short catch-up, then a line each interval, in events and positions', () => {
    let clock = 0;
    const lines: string[] = [];
    const progress = catchUpLog({ log: (m) => lines.push(m), warn: (m) => lines.push(`WARN ${m}`) }, { couldBeExclusive: false, now: () => clock, everyMs: 10_000 });
    progress(page(5_000));
    clock = 9_999;
    progress(page(10_000));
    expect(lines).toEqual([]);
    clock = 10_000;
    progress(page(15_000, { spread: true }));
    clock = 12_000;
    progress(page(20_000));
    clock = 25_000;
    progress(page(25_000, { byStream: true, position: 0 }));
    expect(lines).toEqual(['read models catching up: 15,000 events · position 15,000 of 100,000', 'read models: 25,000 events read stream by stream, up to position 100,000']);
  });

  it('warns once of a spread log, only where --exclusive could build the read models', () => {
    const warned: string[] = [];
    const progress = catchUpLog({ log: () => undefined, warn: (m) => warned.push(m) }, { couldBeExclusive: true });
    progress(page(5_000));
    expect(warned).toEqual([]);
    progress(page(10_000, { spread: true }));
    progress(page(15_000, { spread: true }));
    expect(warned).toEqual([SERVICE_SPREAD_LOG_HINT]);
  });

  describe('through the module over a SQLite store whose read models are at zero', () => {
    let warn: jest.SpyInstance;
    let remove: () => void;
    beforeEach(() => {
      warn = jest.spyOn(Logger.prototype, 'warn');
    });
    afterEach(() => {
      warn.mockRestore();
      remove();
    });
    const hints = (): number => warn.mock.calls.filter(([m]) => m === SERVICE_SPREAD_LOG_HINT).length;

    it('warns for a log written day by day, in the store\'s own file', async () => {
      const s = scratch();
      remove = s.remove;
      await storeWith(s.file, 'date');
      const hearth = await hearthApp({ store: s.store });
      await hearth.app.close();
      expect(hints()).toBe(1);
    });

    it('does not for a log written household by household, nor for read models in a file of their own', async () => {
      const s = scratch();
      remove = s.remove;
      await storeWith(s.file, 'household');
      const inOrder = await hearthApp({ store: s.store });
      await inOrder.app.close();
      expect(hints()).toBe(0);
      await storeWith(`${s.dir}/dated.db`, 'date');
      const ofTheirOwn = await hearthApp({ store: `sqlite:${s.dir}/dated.db`, readModels: `sqlite:${s.dir}/read-models.db` });
      await ofTheirOwn.app.close();
      expect(hints()).toBe(0);
    });
  });
});
