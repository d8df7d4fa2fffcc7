import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { referencePolicy } from '@hearth/domain';
import { importCommands, Ledger, lineCommandId, MAX_LINE_BYTES, readLineCommand } from '../src';
import { oneVillage, registerLine } from './support/one-village';


describe('reading one line of an import file', () => {
  it('gives a line without commandId a deterministic one from its content and line number', () => {
    const a = readLineCommand(registerLine('h1'), 7);
    const b = readLineCommand(registerLine('h1'), 7);
    const elsewhere = readLineCommand(registerLine('h1'), 8);
    expect(E.isRight(a) && a.right.commandId).toBe(lineCommandId(registerLine('h1'), 7));
    expect(a).toEqual(b);
    expect(E.isRight(elsewhere) && E.isRight(a) && elsewhere.right.commandId !== a.right.commandId).toBe(true);
  });
  it('keeps a commandId the line carries', () => {
    const r = readLineCommand(JSON.stringify({ ...JSON.parse(registerLine('h1')), commandId: 'mine-1' }), 1);
    expect(E.isRight(r) && r.right.commandId).toBe('mine-1');
  });
  it('rejects a line that is not JSON, or too long, as INVALID_COMMAND', () => {
    const notJson = readLineCommand('{"type":', 1);
    const tooLong = readLineCommand(`"${'x'.repeat(MAX_LINE_BYTES)}"`, 2);
    expect(E.isLeft(notJson) && notJson.left.code).toBe('INVALID_COMMAND');
    expect(E.isLeft(tooLong) && tooLong.left.message).toContain('bytes');
  });
});

describe('Ledger', () => {
  let dir: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-ledger-'));
    ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'h.db')}`, policy: referencePolicy });
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a division tree once; the same tree again records nothing; a bad tree names the field', async () => {
    expect(await ledger.recordDivisionTree(oneVillage, '2016-01-01')).toEqual(E.right({ changed: true, divisions: 2, moved: 0, effectiveFrom: '2016-01-01' }));
    // Nothing recorded: the tree stays in force from the date it was recorded with, which is what is said (not the date asked).
    expect(await ledger.recordDivisionTree([...oneVillage].reverse(), '2016-01-02')).toEqual(E.right({ changed: false, divisions: 2, moved: 0, effectiveFrom: '2016-01-01' }));
    const bad = await ledger.recordDivisionTree([...oneVillage, { code: 'V2', name: 'x', parentCode: 'NOPE', level: 'village' }], '2016-01-03');
    expect(E.isLeft(bad) && bad.left.fields.map((f) => f.path)).toEqual(['2.parentCode']);
    expect(await ledger.store.streamVersion('divisions')).toBe(0);
  });

  it('imports a file in batches, reports rejected lines, and a second run of the same file resumes after its end', async () => {
    await ledger.recordDivisionTree(oneVillage, '2016-01-01');
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, [registerLine('h1'), registerLine('h2'), 'nope', registerLine('h1', '2016-02-01'), '', registerLine('h3')].join('\n'));
    const first = await importCommands(ledger, { source: file, batchSize: 2 });
    expect(first).toMatchObject({ accepted: 3, unchanged: 0, skipped: 0, resumedAfterLine: 0 });
    expect(first.rejected.map((r) => [r.line, r.code])).toEqual([[3, 'INVALID_COMMAND'], [4, 'ALREADY_REGISTERED']]);
    const again = await importCommands(ledger, { source: file });
    expect(again).toMatchObject({ accepted: 0, unchanged: 0, rejected: [], skipped: 5, resumedAfterLine: 6 });
  });
});
