import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intake } from '../examples/intake-service';
import { oneVillage, registerLine } from './support/one-village';

const clock = () => '2026-01-05T09:00:00.000Z';

describe('the README\'s intake service on the ledger (examples/intake-service.ts)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hearth-intake-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('records the tree, decides a request, imports a file; run again, the request is unchanged and the file is skipped', async () => {
    const store = `sqlite:${join(dir, 'ledger.db')}`;
    const file = join(dir, 'commands.jsonl');
    writeFileSync(file, [registerLine('h2'), registerLine('h1', '2016-01-10', { divisionCode: 'V9' }), registerLine('h3')].join('\n'));
    const request = JSON.parse(registerLine('h1', '2016-01-10', { commandId: 'req-1' })) as unknown;
    expect(await intake(store, oneVillage, request, file, clock)).toEqual({ answer: 'accepted', imported: 2, rejectedLines: ['2 ALREADY_REGISTERED'], skipped: 0 });
    expect(await intake(store, oneVillage, request, file, clock)).toEqual({ answer: 'unchanged', imported: 0, rejectedLines: [], skipped: 3 });
  });

  it('a refusal is an answer, not an exception; a bad field and a bad tree name their paths', async () => {
    const store = `sqlite:${join(dir, 'ledger.db')}`;
    const file = join(dir, 'empty.jsonl');
    writeFileSync(file, '');
    const survey = { type: 'ApplyForIdentification', householdId: 'nobody', on: '2016-01-11' };
    expect(await intake(store, oneVillage, survey, file, clock)).toMatchObject({ answer: 'rejected UNKNOWN_HOUSEHOLD' });
    expect(await intake(store, oneVillage, { type: 'RegisterHousehold', householdId: 'h1', on: '2016-01-10' }, file, clock)).toEqual({ invalid: ['divisionCode', 'members'] });
    expect(await intake(`sqlite:${join(dir, 'other.db')}`, [{ code: 'V1', name: 'Orphan', parentCode: 'R', level: 'village' }], survey, file, clock)).toEqual({ refusedTree: ['', '0.parentCode'] });
  });

  it('is the code the README shows', () => {
    const readme = readFileSync(join(__dirname, '../README.md'), 'utf8');
    const source = readFileSync(join(__dirname, '../examples/intake-service.ts'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    expect(blocks).toEqual([source]);
  });
});
