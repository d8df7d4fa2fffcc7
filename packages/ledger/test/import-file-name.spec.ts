import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { importCommands, Ledger } from '../src';
import { oneVillage, registerLine } from './support/one-village';

/**
 * The log is append-only and cannot be erased, and a file's name is an operator's text that
 * can hold a person's name or number: an import records the file by its SHA-256 alone
 * (decision 205), in its checkpoints and in the split of an import in parts.
 */
describe("an import's records name its file by its SHA-256, never by its name", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'hearth-file-name-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['whole', undefined],
    ['in parts', { index: 1, count: 2 }],
  ] as const)('%s', async (name, part) => {
    const folder = `Zhang-San-110101199001017777-${name.replace(/\W/g, '')}`;
    const file = join(dir, `${folder}.jsonl`);
    writeFileSync(file, [registerLine('h1'), registerLine('h2')].join('\n'));
    const ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, `${name.replace(/\W/g, '')}.db`)}`, policy: referencePolicy });
    try {
      await ledger.recordDivisionTree(oneVillage, '2016-01-01');
      await importCommands(ledger, { source: file, batchSize: 1000, ...(part ? { part } : {}) });
      const recorded = (await ledger.store.readAll()).filter((e) => e.type === 'ImportProgressed' || e.type === 'ImportSplit');
      expect(recorded.map((e) => e.type)).toEqual(part ? ['ImportSplit', 'ImportProgressed'] : ['ImportProgressed']);
      const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
      for (const e of recorded) {
        expect(e.data).toMatchObject({ sha256 });
        expect(JSON.stringify([e.data, e.metadata])).not.toContain('110101199001017777');
      }
    } finally {
      await ledger.close();
    }
  });
});
