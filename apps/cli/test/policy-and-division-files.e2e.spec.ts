import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, hearth, tempDir } from './support/cli';

const BOM = '\uFEFF';

/** The JSON files a person edits and hands to `--policy` and `hearth divisions load`. */
describe('hearth: policy and division tree files', () => {
  let dir: string;
  let cleanup: () => void;
  let store: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    store = `sqlite:${join(dir, 'hearth.db')}`;
  });
  afterEach(() => cleanup());

  const policy = JSON.stringify({ baselineCutoff: '2016-07-31', targetShares: { 2016: 0.1234, 2017: 0.0625 } });
  const clearance = (...global: string[]) => hearth(['--store', store, ...global, '--json', 'report', 'clearance', '--year', '2017']);

  it('that are short and not JSON are refused in one line, the file\'s own line break quoted as an escape (exit 2; a review, 2026-12-08)', () => {
    const file = join(dir, 'nope.json');
    writeFileSync(file, 'nope\n');
    for (const args of [['divisions', 'load', file], ['--policy', file, 'divisions', 'load', join(EXAMPLES, 'divisions.json')]]) {
      const r = hearth(['--store', store, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^hearth: .*nope\.json is not JSON: .*"nope\\n"/)]);
    }
  });

  it('skip one byte-order mark at the start, as import does (Notepad writes one), where they were refused as not JSON', () => {
    const divisions = join(dir, 'divisions.json');
    writeFileSync(divisions, BOM + readFileSync(join(EXAMPLES, 'divisions.json'), 'utf8'));
    const loaded = hearth(['--store', store, 'divisions', 'load', '--on', '2016-01-01', divisions]);
    expect(loaded.stderr).toBe('');
    expect(loaded.code).toBe(0);
    writeFileSync(join(dir, 'policy.json'), BOM + policy);
    const report = clearance('--policy', join(dir, 'policy.json'));
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout).cumulativeShare).toBe(0.1859); // the file's 0.1234 + 0.0625, not the reference's 0.55
  });

  it('skip only one: a second is the file\'s first character, and not JSON (exit 2)', () => {
    writeFileSync(join(dir, 'policy.json'), BOM + BOM + policy);
    const r = clearance('--policy', join(dir, 'policy.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`policy file ${join(dir, 'policy.json')} is not JSON`);
  });

  it('--policy "" is exit 2 naming --policy, where it fell back on $HEARTH_POLICY or the reference policy', () => {
    expect(hearth(['--store', store, 'divisions', 'load', '--on', '2016-01-01', join(EXAMPLES, 'divisions.json')]).code).toBe(0);
    writeFileSync(join(dir, 'policy.json'), policy);
    for (const env of [{}, { HEARTH_POLICY: join(dir, 'policy.json') }]) {
      const r = hearth(['--store', store, '--policy', '', '--json', 'report', 'clearance', '--year', '2017'], { env });
      expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
      expect(r.stderr).toBe('hearth: --policy needs a file: give the policy file, or leave --policy out for $HEARTH_POLICY, else the reference policy\n');
    }
  });
});
