import { join } from 'node:path';
import { hearth, tempDir } from './support/cli';

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
});
