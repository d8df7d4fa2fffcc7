import { join } from 'node:path';
import { exampleLog, hearth, storeWithExampleTree, tempDir, writeLines } from './support/cli';

/**
 * cli.md: "Progress and logs always go to stderr, so `--json` output can be piped", and a report
 * brings the read models up to date first, "progress on stderr when that takes a while". Under
 * `--json` a report said nothing of it (a review, 2026-12-08): stdout is the report alone, as ever.
 */
describe('hearth --json report, while the read models catch up', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('says on stderr what it does, and keeps stdout one JSON document', () => {
    const store = storeWithExampleTree(dir);
    expect(hearth(['--store', store, 'import', '--quiet', writeLines(join(dir, 'log.jsonl'), exampleLog(3))]).code).toBe(3); // the example's deliberate mistakes
    const r = hearth(['--store', store, '--json', 'report', 'clearance', '--year', '2016']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^catching up: \d+ events · position \d+/m);
    expect(JSON.parse(r.stdout)).toMatchObject({ division: expect.any(String) });
  });
});
