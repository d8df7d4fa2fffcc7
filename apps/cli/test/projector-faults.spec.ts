import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Division, DivisionTree, HouseholdCommand, referencePolicy } from '@hearth/domain';
import * as testing from '@hearth/event-store-esdb/testing';
import { importCommands, Ledger } from '@hearth/ledger';
import { openProjections } from '@hearth/projections';
import { Projector, ReadSide } from '@hearth/read-side';
import { generateDivisions, generateHouseholdCommands } from '@hearth/simulator';
import { allFigures } from './support/all-figures';
import { tempDir } from './support/cli';
import { until } from './support/until';

/**
 * Issue 8: a projector on a KurrentDB store whose subscription is dropped at random
 * points, again and again, while commands are recorded, resumes each time from its
 * checkpoints; its read models end equal to a rebuild from zero on SQLite from the same
 * commands (every report, by child of the root, for every year and month).
 */
const HOUSEHOLDS = 96;
const ROUNDS = 12;
const region = { households: HOUSEHOLDS, seed: 808 };
const divisions: Division[] = generateDivisions(region);
const perHousehold: HouseholdCommand[][] = Array.from({ length: HOUSEHOLDS }, (_, i) => generateHouseholdCommands(region, i));

/** A reproducible pseudo-random sequence (the drop points), so that a failure can be replayed. */
const prng = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

describe('hearth project on KurrentDB (wire stand-in) with its subscription dropped at random points', () => {
  let dir: string;
  let cleanup: () => void;
  let server: testing.EsdbStandIn;
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    server = await testing.startEsdbStandIn({ positions: 'log', seed: 88 });
  });
  afterAll(async () => {
    await server.close();
    cleanup();
  });

  it('resumes after every drop and ends equal to a rebuild from zero on SQLite from the same commands', async () => {
    const esdb = await Ledger.open({ storeUrl: server.url, policy: referencePolicy });
    const sqlite = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'embedded.db')}`, policy: referencePolicy });
    const readModels = `sqlite:${join(dir, 'projector.db')}`;
    try {
      for (const l of [esdb, sqlite]) await l.recordDivisionTree(divisions, '2016-01-01');
      // No tree check (one read of the division stream every few seconds): it would take some of the read faults injected below.
      const projector = await Projector.start(esdb, { readModels, initialBackoffMs: 5, maxBackoffMs: 50, treeCheckMs: 3_600_000 });
      const random = prng(8);
      const perRound = HOUSEHOLDS / ROUNDS;
      for (let round = 0; round < ROUNDS; round++) {
        await until('the projector live', () => projector.status().state === 'live' && server.openSubscriptions === 1, 10);
        const restarts = projector.status().restarts;
        // Every household registers, surveys and more: a chunk sends well over 30 events.
        server.faults.dropSubscriptions({ afterEvents: 1 + Math.floor(random() * 30) });
        const file = join(dir, `round-${round}.jsonl`);
        const commands = perHousehold.slice(round * perRound, (round + 1) * perRound).flat();
        writeFileSync(file, `${commands.map((c) => JSON.stringify(c)).join('\n')}\n`);
        for (const l of [esdb, sqlite]) await importCommands(l, { source: file, batchSize: 100 });
        await projector.waitFor(await esdb.store.headPosition());
        expect(projector.status().restarts).toBeGreaterThan(restarts);
        if (round % 3 === 2) {
          // A drop now, and the catch-up that resumes it meets an unavailable node beyond the adapter's own four tries.
          await until('the projector live', () => projector.status().state === 'live' && server.openSubscriptions === 1, 10);
          const before = projector.status().restarts;
          server.faults.failNext('read', 'unavailable', 5);
          server.faults.dropSubscriptions();
          await until('two more restarts', () => projector.status().restarts >= before + 2, 10);
        }
      }
      const status = projector.status();
      expect(status.restarts).toBeGreaterThanOrEqual(ROUNDS);
      expect(status.lastError).toMatch(/.+/);
      await projector.stop();
      expect(projector.status().state).toBe('stopped');

      // The file as the projector left it, read without catching up: at the head of the log.
      const side = await ReadSide.open(esdb, { readModels, catchUp: false });
      try {
        expect(side.position()).toBe(await esdb.store.headPosition());
        const rebuilt = openProjections(sqlite.store, { policy: referencePolicy, divisions: sqlite.divisions as DivisionTree });
        try {
          await rebuilt.rebuild();
          expect(allFigures(side.reports)).toEqual(allFigures(rebuilt.reports));
        } finally {
          await rebuilt.close();
        }
      } finally {
        await side.close();
      }
    } finally {
      await esdb.close();
      await sqlite.close();
    }
  }, 300_000);
});
