import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { importCommands, Ledger } from '../src';
import { oneVillage, registerLine } from './support/one-village';

/**
 * `beforeBatch`: where a caller stops an import between two batches, as `hearth import
 * --stop-with-parent` does once its parent is gone (docs/decisions/0210); no timer of the
 * caller's runs while batches are decided one after another.
 */
describe('an import asks its caller before each batch', () => {
  let dir: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-before-batch-'));
    ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'h.db')}`, policy: referencePolicy });
    await ledger.recordDivisionTree(oneVillage, '2016-01-01');
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const households = (n: number) => Array.from({ length: n }, (_, i) => registerLine(`h${i + 1}`));

  it('once before each, the store holding only the batches written before it was asked', async () => {
    const source = join(dir, 'log.jsonl');
    writeFileSync(source, `${households(10).join('\n')}\n`);
    const asked: number[] = [];
    const stop = new Error('the caller stops here');
    const done = importCommands(ledger, {
      source,
      batchSize: 3,
      beforeBatch: () => {
        asked.push(asked.length + 1);
        if (asked.length === 3) throw stop;
      },
    });
    await expect(done).rejects.toBe(stop);
    expect(asked).toEqual([1, 2, 3]);
    const stored = (await ledger.store.readAll()).filter((e) => e.streamId.startsWith('household-'));
    expect(stored).toHaveLength(6); // batches 1 and 2, lines 1–6; nothing of the third
  });

  it('asked before every batch of a whole run (four of ten lines in threes)', async () => {
    const source = join(dir, 'log.jsonl');
    writeFileSync(source, `${households(10).join('\n')}\n`);
    let asked = 0;
    const s = await importCommands(ledger, { source, batchSize: 3, beforeBatch: () => (asked += 1) });
    expect({ accepted: s.accepted, asked }).toEqual({ accepted: 10, asked: 4 });
  });
});
