import { join } from 'node:path';
import { EXAMPLES, hearth, tempDir } from './support/cli';

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
});
