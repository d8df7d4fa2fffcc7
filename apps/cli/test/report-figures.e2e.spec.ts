import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, hearth, tempDir } from './support/cli';

/**
 * The report's text table shows a figure that is not a whole number as `--json` has it, to
 * four decimals, never rounded onto a whole number (docs/decisions/0156): a policy share of
 * four decimals was shown to three (0.1859 as 0.186), the share a reader multiplies the
 * baseline by to check the target.
 */
describe('hearth report clearance, as text', () => {
  let dir: string;
  let cleanup: () => void;
  const run = (...args: string[]) => hearth(['--store', `sqlite:${join(dir, 'hearth.db')}`, '--policy', join(dir, 'policy.json'), ...args]);

  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ baselineCutoff: '2016-07-31', targetShares: { 2016: 0.1234, 2017: 0.0625 } }));
    expect(run('divisions', 'load', join(EXAMPLES, 'divisions.json')).code).toBe(0);
    expect(run('import', '--quiet', join(EXAMPLES, 'commands.jsonl')).code).toBe(3);
  }, 120_000);
  afterAll(() => cleanup());

  it('shows the cumulative share the target is computed from, every decimal of it', () => {
    const json = JSON.parse(run('--json', 'report', 'clearance', '--year', '2017').stdout);
    expect(json.cumulativeShare).toBe(0.1859);
    const text = run('report', 'clearance', '--year', '2017');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^cumulativeShare\s+0\.1859$/m);
    expect(text.stdout).toMatch(/^achievement\s+1$/m); // 1 cleared of a target of 1: met, and shown so
  });

  it('reads the policy from $HEARTH_POLICY without --policy, as the service does (decision 178); --policy wins over it', () => {
    const store = ['--store', `sqlite:${join(dir, 'hearth.db')}`, '--json', 'report', 'clearance', '--year', '2017'];
    const fromEnv = hearth(store, { env: { HEARTH_POLICY: join(dir, 'policy.json') } });
    expect(JSON.parse(fromEnv.stdout).cumulativeShare).toBe(0.1859);
    expect(JSON.parse(hearth(store, { env: { HEARTH_POLICY: '' } }).stdout).cumulativeShare).toBe(0.55); // the reference policy's 0.25 + 0.3
    writeFileSync(join(dir, 'half.json'), JSON.stringify({ baselineCutoff: '2016-07-31', targetShares: { 2016: 0.25, 2017: 0.25 } }));
    const flagWins = hearth(['--policy', join(dir, 'half.json'), ...store], { env: { HEARTH_POLICY: join(dir, 'policy.json') } });
    expect(JSON.parse(flagWins.stdout).cumulativeShare).toBe(0.5);
    const missing = hearth(store, { env: { HEARTH_POLICY: join(dir, 'nowhere.json') } });
    expect({ code: missing.code, stdout: missing.stdout }).toEqual({ code: 2, stdout: '' });
    expect(missing.stderr).toContain(`cannot read policy file ${join(dir, 'nowhere.json')}`);
  });
});
