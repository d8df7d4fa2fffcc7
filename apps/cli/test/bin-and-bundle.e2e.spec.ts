import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, INSTALLED_BIN, hearthFrom, tempDir } from './support/cli';

/**
 * The CLI's tests start a bundle of the sources (test/support/cli-bundle.js, decision 192);
 * users start apps/cli/bin/hearth.js, which runs the same sources through tsx. This holds the
 * two to one behaviour where they could part: the help texts, errors' exit codes and words
 * (one from the KurrentDB adapter, which the sources load only for its URLs), and a region
 * generated, imported, reported and verified through each.
 */
describe('the bundle the tests start and the installed executable', () => {
  const installed = hearthFrom(INSTALLED_BIN);
  const bundled = hearthFrom(BIN);
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir()));
  afterAll(() => cleanup());

  it("the tests start the bundle jest's globalSetup built", () => {
    // Without this, every file below would compare the installed executable with itself.
    expect(BIN).toBe(join(__dirname, '..', 'dist', 'e2e', 'hearth.js'));
  });

  it.each([
    [['--help']],
    [['report', '--help']],
    [['import', '--help']],
    [['report', 'clearance', '--yaer', '2017']],
    [['--store', 'nosuch:x', 'verify']],
    // The KurrentDB adapter, the one module loaded only when needed (ledger's open-store.ts), for a port nothing listens on.
    [['--store', 'kurrentdb://127.0.0.1:1?tls=false', 'verify']],
  ])(
    'hearth %j: the same exit code, output and error',
    (args) => {
      const answer = installed(args);
      expect(answer.stdout + answer.stderr).not.toBe('');
      expect(bundled(args)).toEqual(answer);
    },
  );

  it('a region generated, imported, reported and verified through either answers the same', () => {
    const through = (name: string, run: typeof installed) => {
      const log = join(dir, `${name}.jsonl`);
      const divisions = join(dir, `${name}-divisions.json`);
      const store = `sqlite:${join(dir, `${name}.db`)}`;
      expect(run(['generate', '--households', '40', '--seed', '5', '--out', log, '--divisions-out', divisions]).code).toBe(0);
      expect(run(['--store', store, 'divisions', 'load', divisions]).code).toBe(0);
      const imported = run(['--store', store, 'import', '--quiet', log]);
      const answers = [
        ['report', 'clearance', '--year', '2017', '--by-child'],
        ['report', 'monthly', '--month', '2017-06', '--by-child'],
        ['report', 'progress', '--month', '2017-06'],
        ['report', 'backlog', '--as-of', '2017-12-31'],
        ['verify'],
      ]
        .map((args) => run(['--store', store, '--json', ...args]))
        // verify's notices name when each event was recorded: the clock, which differs between the two imports.
        .map((r) => ({ ...r, stdout: r.stdout.replace(/recorded (\d+) days later, at [0-9T:.-]+Z/g, 'recorded $1 days later') }));
      return { log: readFileSync(log, 'utf8'), divisions: readFileSync(divisions, 'utf8'), imported: imported.code, answers };
    };
    const a = through('installed', installed);
    const b = through('bundled', bundled);
    expect(a.answers.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);
    expect(b).toEqual(a);
  });
});
