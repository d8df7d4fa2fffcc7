import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { EXAMPLES, hearth, tempDir, writeLines, storeWithExampleTree } from './support/cli';

/** `hearth demo`: the bundled example through the real executable, for people and for scripts. */
describe('hearth demo', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('--json prints one JSON document: what the import did and the household history --json prints', () => {
    const store = `sqlite:${join(dir, 'demo.db')}`;
    const first = hearth(['--store', store, '--json', 'demo']);
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout);
    expect(doc.import).toMatchObject({ accepted: 25, unchanged: 0, skipped: 0, rejected: [{ line: 20, code: 'NO_ACTIVE_EMPLOYMENT' }] });
    const history = JSON.parse(hearth(['--store', store, '--json', 'history', 'hh-002']).stdout);
    expect(doc.history).toEqual(history);
    const again = JSON.parse(hearth(['--store', store, '--json', 'demo']).stdout);
    expect(again.import).toMatchObject({ accepted: 0, skipped: 26, rejected: [], earlierRejected: [{ line: 20 }] });
  });

  it('exits 0 although its import lists the example\'s deliberate rejection, on the first run and on a rerun, with and without --json (decision 161)', () => {
    const store = `sqlite:${join(dir, 'demo.db')}`;
    const first = hearth(['--store', store, 'demo']);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('line 20: NO_ACTIVE_EMPLOYMENT');
    const again = hearth(['--store', store, '--json', 'demo']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).import).toMatchObject({ rejected: [], earlierRejected: [{ line: 20, code: 'NO_ACTIVE_EMPLOYMENT' }] });
    expect(hearth(['--store', store, 'demo']).code).toBe(0);
    // What hearth import says of the same file on the same store: 3, the rejection is one it was asked to apply.
    expect(hearth(['--store', store, 'import', '--quiet', join(EXAMPLES, 'commands.jsonl')]).code).toBe(3);
  });

  it('says "as it should" of its deliberate rejection only, and exits 3 over any other, on the first run and on a rerun (decision 161)', () => {
    const store = storeWithExampleTree(dir, 'shared.db');
    // Someone else's hh-001 on the same store: one member, born another year.
    const [registration] = readFileSync(join(EXAMPLES, 'commands.jsonl'), 'utf8').split('\n');
    const theirs = { ...JSON.parse(registration as string), members: [{ memberId: 'hh-001-a', birthYear: 1980 }] };
    expect(hearth(['--store', store, 'import', '--quiet', writeLines(join(dir, 'theirs.jsonl'), [JSON.stringify(theirs)])]).code).toBe(0);

    const first = hearth(['--store', store, 'demo']);
    expect(first.code).toBe(3);
    const said = (line: number) => first.stderr.split('\n').find((l) => l.startsWith(`  line ${line}:`)) ?? '';
    expect(said(1)).toContain('ALREADY_REGISTERED');
    expect(said(1)).not.toContain('as it should');
    expect(said(1)).toContain("not the example's deliberate mistake");
    expect(said(20)).toContain('NO_ACTIVE_EMPLOYMENT');
    expect(said(20)).toContain('as it should');
    expect(first.stderr).not.toMatch(/line (?!20:).*as it should/);

    const again = hearth(['--store', store, '--json', 'demo']);
    expect(again.code).toBe(3);
    expect(JSON.parse(again.stdout).import).toMatchObject({ rejected: [], earlierRejected: expect.arrayContaining([expect.objectContaining({ line: 1, code: 'ALREADY_REGISTERED' })]) });
    expect(again.stderr).toMatch(/line 1 \(rejected by an earlier run\): ALREADY_REGISTERED/);
  });
});
