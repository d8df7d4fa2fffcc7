import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hearth, tempDir } from './support/cli';
import { copyOf, hearthIn, logSize, SmallRegion, smallRegion } from './support/contract-cli';

/*
 * /work/shared/cli.md, its opening, global options and exit codes, statement by statement,
 * and the spec that pins each (the commands' own statements are in the other
 * contract-cli-*.e2e.spec.ts files):
 *
 * | statement                                                              | pinned by |
 * |------------------------------------------------------------------------|-----------|
 * | `npx hearth …` works from the repository root right after `npm ci`     | history.e2e.spec.ts "npx hearth" |
 * | every command has `--help`                                             | here, "--help" |
 * | `--json` is one JSON document on stdout                                | here, "--json"; each command's in its file |
 * | human output is tables                                                 | import.e2e (rejection table), history.e2e ("recorded at (UTC)"), report-figures.e2e (figure table); here, not JSON |
 * | progress and logs go to stderr                                         | contract-cli-import (import), contract-cli-verify-rebuild (rebuild) |
 * | `--store` defaults to `$HEARTH_STORE`, else `sqlite:./data/hearth.db`  | here, "--store" |
 * | `--store sqlite:PATH`                                                  | every e2e spec |
 * | `--store esdb://host:port?tls=false`                                   | esdb.e2e.spec.ts ("the older scheme names the same store") |
 * | `--policy FILE`, default the reference policy                          | report-figures.e2e.spec.ts ($HEARTH_POLICY empty: the reference's 0.55; --policy); here, "--policy" (neither set); note N1 below |
 * | `--json` off by default                                                | here, "--json" (the same command without it is not JSON) |
 * | exit 0 success                                                         | every e2e spec |
 * | exit 2 usage error or unreadable input, nothing changed                | here, "exit 2" (the store's bytes unchanged; unknown command, unknown option, missing argument too); history.e2e, reports.e2e, import.e2e (the code) |
 * | exit 3 some commands rejected, the others applied                      | import.e2e.spec.ts "applies a few thousand commands" |
 * | exit 4 unknown household or division                                   | history.e2e "exits 4 for an unknown household", reports.e2e "answers 4 for an unknown division" |
 * | exit 5 verification found anomalies                                    | reports.e2e "verify … exits 5"; contract-cli-verify-rebuild |
 *
 * N1: the executable reads $HEARTH_POLICY when --policy is not given (decision 178, commit
 * 41b86c4), which the contract's default column does not say: a script run in an environment
 * set up for the service answers under the service's policy, not the reference one.
 */

describe('the hearth contract: options every command shares, and its exit codes', () => {
  let dir: string;
  let cleanup: () => void;
  let region: SmallRegion;

  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    region = smallRegion(dir);
  }, 60_000);
  afterAll(() => cleanup());

  describe('--help', () => {
    // Each command's help names the options the contract gives it, so that a reader of --help alone can run it.
    it.each([
      [[], ['--store', '--policy', '--json', 'divisions', 'import', 'history', 'report', 'verify', 'rebuild', 'generate']],
      [['divisions', 'load'], ['<file>']],
      [['import'], ['<file>']],
      [['history'], ['<householdId>', '--as-of']],
      [['report'], ['clearance', 'monthly', 'progress', 'backlog']],
      [['report', 'clearance'], ['--year', '--division', '--by-child']],
      [['report', 'monthly'], ['--month', '--division', '--by-child']],
      [['report', 'progress'], ['--month', '--division', '--by-child']],
      [['report', 'backlog'], ['--division', '--as-of']],
      [['verify'], []],
      [['rebuild'], ['projection']],
      [['generate'], ['--households', '--seed', '--out', '--divisions-out']],
    ])('hearth %j --help exits 0 with its usage on stdout, naming %j', (command, names) => {
      const r = hearth([...command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: hearth ${command.join(' ')}`));
      for (const name of names) expect(r.stdout).toContain(name);
      expect(r.stderr).toBe('');
    });
  });

  describe('--store', () => {
    const tree = () => join(dir, 'tree.json');
    beforeAll(() => writeFileSync(tree(), JSON.stringify([{ code: 'R', name: 'Region', parentCode: null, level: 'region' }])));

    it('without --store or $HEARTH_STORE, writes sqlite:./data/hearth.db under the working directory', () => {
      const { dir: cwd, cleanup: gone } = tempDir();
      try {
        expect(hearthIn(cwd, ['divisions', 'load', tree()]).code).toBe(0);
        expect(logSize(join(cwd, 'data', 'hearth.db')).events).toBeGreaterThan(0);
      } finally {
        gone();
      }
    });

    it('without --store, uses $HEARTH_STORE, and writes nothing at the default path', () => {
      const { dir: cwd, cleanup: gone } = tempDir();
      try {
        const fromEnv = join(cwd, 'from-env.db');
        expect(hearthIn(cwd, ['divisions', 'load', tree()], { HEARTH_STORE: `sqlite:${fromEnv}` }).code).toBe(0);
        expect(logSize(fromEnv).events).toBeGreaterThan(0);
        expect(existsSync(join(cwd, 'data', 'hearth.db'))).toBe(false);
      } finally {
        gone();
      }
    });

    it('--store wins over $HEARTH_STORE', () => {
      const { dir: cwd, cleanup: gone } = tempDir();
      try {
        const r = hearthIn(cwd, ['--store', region.store, '--json', 'history', 'H0000001'], { HEARTH_STORE: `sqlite:${join(cwd, 'empty.db')}` });
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout).householdId).toBe('H0000001');
        expect(existsSync(join(cwd, 'empty.db'))).toBe(false);
      } finally {
        gone();
      }
    });
  });

  describe('--policy', () => {
    it.each([
      [2016, 0.25],
      [2018, 0.75],
      [2020, 1],
    ])('without --policy or $HEARTH_POLICY, a %i clearance has the reference policy\'s cumulative share %p, and its target from it', (year, share) => {
      const r = hearthIn(dir, ['--store', region.store, '--json', 'report', 'clearance', '--year', String(year)]);
      expect(r.code).toBe(0);
      const body = JSON.parse(r.stdout);
      expect(body.cumulativeShare).toBeCloseTo(share, 9);
      expect(body.target).toBe(Math.ceil(body.baseline * share - 1e-9));
    });
  });

  describe('--json', () => {
    it.each([
      [['history', 'H0000001']],
      [['report', 'clearance', '--year', '2017']],
      [['verify']],
    ])('hearth %j prints one JSON document on stdout with it, and text that is not JSON without it', (args) => {
      const json = hearth(['--store', region.store, '--json', ...args]);
      expect(json.code).toBe(0);
      expect(() => JSON.parse(json.stdout)).not.toThrow(); // JSON.parse refuses a second document after the first
      const text = hearth(['--store', region.store, ...args]);
      expect(text.code).toBe(0);
      expect(text.stdout.trim().length).toBeGreaterThan(0);
      expect(() => JSON.parse(text.stdout)).toThrow();
    });
  });

  describe('exit 2: usage error or unreadable input, nothing changed', () => {
    let store: string;
    let db: string;
    const digest = () => createHash('sha256').update(readFileSync(db)).update(existsSync(`${db}-wal`) ? readFileSync(`${db}-wal`) : '').digest('hex');
    beforeAll(() => ({ store, db } = copyOf(region, dir, 'usage-errors.db')));

    it.each([
      ['a malformed option value', ['import', '--batch-size', 'zero', 'LOG']],
      ['an import file that does not exist', ['import', 'MISSING']],
      ['a division file that is not JSON', ['divisions', 'load', 'NOT_JSON']],
      ['a policy file that is not JSON', ['--policy', 'NOT_JSON', 'import', 'LOG']],
      ['a malformed month', ['report', 'monthly', '--month', '2017-13']],
      ['a required option left out', ['report', 'clearance']],
      ['a required argument left out', ['history']],
      ['an unknown option', ['report', 'clearance', '--year', '2017', '--bogus']],
      ['an unknown command', ['frobnicate']],
    ])('%s exits 2 and leaves the store byte for byte as it was', (_what, args) => {
      writeFileSync(join(dir, 'not.json'), '{"code":');
      const paths: Record<string, string> = { LOG: region.log, MISSING: join(dir, 'missing.jsonl'), NOT_JSON: join(dir, 'not.json') };
      const before = { digest: digest(), size: logSize(db) };
      const r = hearth(['--store', store, ...args.map((a) => paths[a] ?? a)]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect({ digest: digest(), size: logSize(db) }).toEqual(before);
    });
  });
});
