import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The executable as installed: what a user runs, and what bin-and-bundle.e2e.spec.ts holds the bundle to. */
export const INSTALLED_BIN = resolve(__dirname, '../../bin/hearth.js');
/**
 * The executable the tests start: the bundle of the same sources that jest's globalSetup
 * built for this run (cli-bundle.js, docs/decisions/0192), else the installed one.
 */
export const BIN = process.env['HEARTH_CLI_UNDER_TEST'] ?? INSTALLED_BIN;
export const EXAMPLES = resolve(__dirname, '../../examples');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the executable `bin` in a process of its own, as a user or a script would. */
export const hearthFrom =
  (bin: string) =>
  (args: readonly string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): CliRun => {
    const r = spawnSync(process.execPath, [bin, ...args], {
      encoding: 'utf8',
      input: opts.input,
      env: { ...process.env, ...opts.env },
      maxBuffer: 256 * 1024 * 1024,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

/** Runs `hearth` (BIN), as a user or a script would. */
export const hearth = hearthFrom(BIN);

export const hearthAsync = (args: readonly string[]) => spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });

/** `hearth ARGS` run to its end without blocking this process: what a test needs when a stand-in server lives in it. */
export const hearthFinished = (args: readonly string[]): Promise<CliRun> =>
  new Promise((resolve) => {
    const child = hearthAsync(args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

/** `hearth ARGS`, sent `signal` as soon as its stderr matches `when`; how it ended, and what it wrote. */
export const signalledWhen = async (
  args: readonly string[],
  when: RegExp,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> => {
  const child = hearthAsync(args);
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig })));
  await new Promise<void>((resolve) =>
    child.stderr.on('data', (d) => {
      stderr += d;
      if (when.test(stderr)) resolve();
    }),
  );
  child.kill(signal);
  const ended = await exited;
  return { ...ended, stdout, stderr };
};

export const tempDir = (): { dir: string; cleanup: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

/** A command log of `households` copies of the example journey, one JSON command a line. */
export const exampleLog = (households: number): string[] => {
  const template = readFileSync(join(EXAMPLES, 'commands.jsonl'), 'utf8').trim().split('\n');
  const lines: string[] = [];
  for (let i = 0; i < households; i++)
    for (const line of template) lines.push(line.replace(/"hh-00(\d)/g, (_m, d: string) => `"hh-${i}-${d}`));
  return lines;
};

export const writeLines = (path: string, lines: readonly string[]): string => {
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};

/** A SQLite store `dir/name` holding the example's division tree and nothing else; its `--store` value. */
export const storeWithExampleTree = (dir: string, name = 'hearth.db'): string => {
  const store = `sqlite:${join(dir, name)}`;
  expect(hearth(['--store', store, 'divisions', 'load', join(EXAMPLES, 'divisions.json')]).code).toBe(0);
  return store;
};

/**
 * A SQLite store in `dir` holding the example's divisions and 1,200 copies of its journey
 * (~31,000 events: six pages of 5,000, long enough to interrupt); its `--store` value.
 */
export const exampleStore = (dir: string): string => {
  const store = `sqlite:${join(dir, 'store.db')}`;
  expect(hearth(['--store', store, 'divisions', 'load', '--on', '2016-01-01', join(EXAMPLES, 'divisions.json')]).code).toBe(0);
  expect(hearth(['--store', store, 'import', '--quiet', writeLines(join(dir, 'log.jsonl'), exampleLog(1200))]).code).toBe(3); // the example's deliberate mistakes
  return store;
};

/** `hearth --store STORE ARGS`, and its `--json` answer parsed (one that does not exit 0 throws, saying why). */
export const onStore = (store: () => string) => {
  const run = (...args: string[]) => hearth(['--store', store(), ...args]);
  const json = (...args: string[]) => {
    const r = run('--json', ...args);
    if (r.code !== 0) throw new Error(`hearth ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  return { run, json };
};

/**
 * A SQLite store in `dir` holding a generated region of 300 households (seed 11): its tree
 * loaded and its log imported, some lines rightly refused; its `--store` value. The log is
 * left in `dir/log.jsonl`.
 */
export const generatedStore = (dir: string): string => {
  const store = `sqlite:${join(dir, 'hearth.db')}`;
  const out = join(dir, 'log.jsonl');
  const divisions = join(dir, 'divisions.json');
  expect(hearth(['generate', '--households', '300', '--seed', '11', '--out', out, '--divisions-out', divisions]).code).toBe(0);
  expect(hearth(['--store', store, 'divisions', 'load', divisions]).code).toBe(0);
  expect([0, 3]).toContain(hearth(['--store', store, 'import', '--quiet', out]).code);
  return store;
};
