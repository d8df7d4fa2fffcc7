/**
 * What a survey's print (survey-print.ts, content-hash.ts) costs in Node's own realm and
 * inside a `vm` context, the way jest runs every test file (jest-environment-node): the
 * same two source files, compiled once with SWC to CommonJS as @swc/jest does, evaluated
 * in each realm, then timed over the same generated surveys (CPU, median of the rounds).
 * Written when ADR 81 made the CLI's region agreement test ten times slower under jest
 * while every phase timed with tsx moved by 1.6× at most: a builtin read from the global
 * object inside the hash's inner loop (`Math.imul`) is a slow interceptor call in a vm
 * context (docs/performance/fold.md, "Surveys kept as prints: the slow test explained").
 *
 *   npx tsx apps/bench/src/hash-in-vm.ts [--tree DIR] [--base DIR] [--households 200] [--rounds 9]
 *
 * `--tree` reads the two files from another worktree (default: this one); `--base` times a
 * second worktree's files in the same process, rounds alternated, and prints its figures
 * and the ratio tree / base in each realm.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext, runInThisContext } from 'node:vm';
import { transformSync } from '@swc/core';
import { generateHouseholdCommands } from '@hearth/simulator';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const tree = arg('tree', join(__dirname, '..', '..', '..'));
const base = arg('base', '');
const households = Number(arg('households', '200'));
const rounds = Number(arg('rounds', '9'));

const source = (root: string, file: string): string =>
  transformSync(readFileSync(join(root, 'packages/domain/src/household', file), 'utf8'), {
    filename: file,
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  }).code;
const modules = (root: string) => ({ './content-hash': source(root, 'content-hash.ts'), './survey-print': source(root, 'survey-print.ts') });

/** A loader for the two modules, as a script: evaluated in a realm, it returns that realm's `surveyPrintOf` and a timing loop. */
const loader = (root: string): string => `(() => {
  const sources = ${JSON.stringify(modules(root))};
  const cache = {};
  const load = (name) => {
    if (cache[name]) return cache[name].exports;
    const module = { exports: {} };
    cache[name] = module;
    new Function('exports', 'require', 'module', sources[name])(module.exports, load, module);
    return module.exports;
  };
  const { surveyPrintOf } = load('./survey-print');
  return (lines) => {
    const surveys = lines.map((l) => JSON.parse(l));
    return () => {
      let n = 0;
      for (const s of surveys) n += surveyPrintOf(s, s.on).fingerprint.length;
      return n;
    };
  };
})()`;

type Prepare = (lines: readonly string[]) => () => number;

const lines: string[] = [];
for (let i = 0; i < households; i++)
  for (const c of generateHouseholdCommands({ households, seed: 20161 }, i)) if (c.type === 'SurveyHousehold') lines.push(JSON.stringify(c));

const realms: Array<readonly [string, Prepare]> = [];
for (const [name, root] of base === '' ? [['tree', tree]] : [['tree', tree], ['base', base]]) {
  realms.push([`${name} node`, runInThisContext(loader(root as string)) as Prepare]);
  realms.push([`${name} vm`, runInContext(loader(root as string), createContext({})) as Prepare]);
}

const median = (xs: number[]): number => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)] as number;
const perSurvey: Record<string, number> = {};
const runs = realms.map(([name, prepare]) => ({ name, run: prepare([...lines]), us: [] as number[] }));
for (let r = 0; r < rounds; r++) {
  // Alternated, so that both realms see the same load.
  for (const x of runs) {
    const c0 = process.cpuUsage();
    const n = x.run();
    const c = process.cpuUsage(c0);
    if (n !== 16 * lines.length) throw new Error(`${x.name}: unexpected fingerprints (${n})`);
    if (r > 0) x.us.push((c.user + c.system) / lines.length); // round 0 warms up
  }
}
for (const x of runs) perSurvey[x.name] = +median(x.us).toFixed(2);
const ratio = (p: string, q: string): number => +((perSurvey[p] as number) / (perSurvey[q] as number)).toFixed(2);
console.log(JSON.stringify({
  tree, base: base || undefined, surveys: lines.length, rounds: rounds - 1, usPerSurvey: perSurvey,
  vmOverNode: ratio('tree vm', 'tree node'),
  ...(base === '' ? {} : { baseVmOverNode: ratio('base vm', 'base node'), treeOverBase: { node: ratio('tree node', 'base node'), vm: ratio('tree vm', 'base vm') } }),
}));
