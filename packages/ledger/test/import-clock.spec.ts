import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { importCommands, Ledger } from '../src';
import { IMPORT_STREAM_PREFIX } from '../src/import/import-checkpoint';
import { oneVillage, registerLine } from './support/one-village';

/**
 * The times an import writes: the household events it records and the checkpoints
 * (`ImportProgressed`, stream `import-…`) that follow them in the same log. verify reads the
 * recording times of the whole log in position order (a step back of more than a minute is an
 * anomaly, log-scan.ts), and a checkpoint's business date as the day of its recording.
 */
describe("an import's clock", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-import-clock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const logFile = (lines: readonly string[]): string => {
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  const recordingsOf = async (ledger: Ledger) =>
    (await ledger.store.readAll()).map((e) => ({ checkpoint: e.streamId.startsWith(IMPORT_STREAM_PREFIX), occurredOn: e.metadata.occurredOn, recordedAt: e.metadata.recordedAt }));

  it("records the checkpoints by the ledger's clock, as the events they follow", async () => {
    const ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'h.db')}`, policy: referencePolicy, now: () => '2016-01-10T23:59:00.000Z' });
    try {
      await ledger.recordDivisionTree(oneVillage, '2016-01-01');
      await importCommands(ledger, { source: logFile([registerLine('h1'), registerLine('h2'), registerLine('h3')]), batchSize: 2 });
      const recorded = await recordingsOf(ledger);
      expect(recorded.filter((r) => r.checkpoint)).not.toHaveLength(0);
      // Read from the wall clock, checkpoints were years after the events around them, and verify called the next batch recorded-out-of-order.
      expect(new Set(recorded.map((r) => r.recordedAt))).toEqual(new Set(['2016-01-10T23:59:00.000Z']));
    } finally {
      await ledger.close();
    }
  });

  it('dates a checkpoint the UTC day of its own recording time, when the clock passes midnight between two readings', async () => {
    // The first reading is the last millisecond of 10 January, every later one 11 January.
    let readings = 0;
    const now = () => (readings++ === 0 ? '2016-01-10T23:59:59.999Z' : '2016-01-11T00:00:00.000Z');
    const ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'h.db')}`, policy: referencePolicy, now: () => '2016-01-10T12:00:00.000Z' });
    try {
      await ledger.recordDivisionTree(oneVillage, '2016-01-01');
      await importCommands(ledger, { source: logFile([registerLine('h1')]), now });
      const checkpoints = (await recordingsOf(ledger)).filter((r) => r.checkpoint);
      expect(checkpoints).not.toHaveLength(0);
      for (const c of checkpoints) expect(c.occurredOn).toBe(c.recordedAt.slice(0, 10));
    } finally {
      await ledger.close();
    }
  });
});
