import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { transformSync } from '@swc/core'; // eslint-disable-line @nx/enforce-module-boundaries -- the compiler jest transforms every test with (jest.preset.js): a test's tool, never the domain's dependency
import { contentHash } from '../src/household/content-hash';
import { surveyPrintOf } from '../src/household/survey-print';

/**
 * The content hash reads no property of the global object while it hashes: its builtins
 * (`Math.imul` among them) are read once, when the module loads. In a `vm` context — and
 * jest runs every test file in one — the global object answers through interceptors, and a
 * `Math.imul` read per character pair made a survey's print ~50 times dearer there than in
 * plain Node; with ADR 81 (a survey printed at each fold) that took the CLI's region
 * agreement test from ~90 to ~730 s of CPU (docs/decisions/0081-surveys-kept-as-fingerprints.md).
 * Counted, not timed: the two modules are compiled as jest compiles them and loaded in a
 * context whose global object is a proxy that counts the reads.
 */
const household = join(__dirname, '..', 'src', 'household');
const compiled = (file: string): string =>
  transformSync(readFileSync(join(household, file), 'utf8'), {
    filename: file,
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  }).code;

interface Hashing {
  contentHash: typeof contentHash;
  surveyPrintOf: typeof surveyPrintOf;
}

/** A context whose global object's reads (of the builtins the modules use) are listed in `reads`. */
const countingContext = (reads: string[]) => {
  const builtins = { Math, Number, Array, String, Object, JSON, Float64Array, Uint32Array };
  return createContext(new Proxy(builtins, { get: (t, k, r) => (reads.push(String(k)), Reflect.get(t, k, r)) }));
};

const inCountingRealm = (): { hashing: Hashing; reads: string[] } => {
  const reads: string[] = [];
  const context = countingContext(reads);
  const sources: Record<string, string> = { './content-hash': compiled('content-hash.ts'), './survey-print': compiled('survey-print.ts') };
  const loaded: Record<string, { exports: object }> = {};
  const load = (name: string): object => {
    const known = loaded[name];
    if (known) return known.exports;
    const module = { exports: {} };
    loaded[name] = module;
    const source = sources[name];
    if (source === undefined) throw new Error(`not compiled here: ${name}`);
    (runInContext(`(function (exports, require, module) {${source}\n})`, context) as (e: object, r: (n: string) => object, m: object) => void)(module.exports, load, module);
    return module.exports;
  };
  const hashing = { ...(load('./content-hash') as Pick<Hashing, 'contentHash'>), ...(load('./survey-print') as Pick<Hashing, 'surveyPrintOf'>) };
  return { hashing, reads };
};

const survey = {
  type: 'SurveyHousehold',
  householdId: 'h1',
  commandId: 'c1',
  actor: 'caseworker-1',
  on: '2016-02-01',
  householdSize: 3,
  povertyCauses: ['lack-of-skills', 'illness'],
  income: 1234.5,
  note: null,
  members: [
    { memberId: 'm1', health: 'good', education: 'primary', skills: ['farming'], languages: ['en', 'fr'], willing: true, capacity: 0.5 },
    { memberId: 'm2', health: 'chronic-illness', education: null, skills: [], languages: ['en'], willing: false, capacity: -0 },
  ],
};
const omit = (k: string): boolean => k === 'actor' || k === 'note' || k === 'commandId' || k === 'householdId';

describe('the content hash in a realm reached through interceptors (a vm context, as jest runs tests)', () => {
  it('reads no global while it hashes a survey or a command, and gives the same fingerprints', () => {
    const { hashing, reads } = inCountingRealm();
    reads.length = 0;
    const print = hashing.surveyPrintOf(survey, survey.on);
    const hash = hashing.contentHash(survey, survey.type, survey.on, omit);
    expect(reads).toEqual([]);
    expect(print).toEqual(surveyPrintOf(survey, survey.on));
    expect(hash).toBe(contentHash(survey, survey.type, survey.on, omit));
  });

  it('the counting realm does see a global read in the hashing loop (the check can fail)', () => {
    const reads: string[] = [];
    const context = countingContext(reads);
    (runInContext('(s) => { let a = 0; for (let i = 0; i < s.length; i++) a = Math.imul(a ^ s.charCodeAt(i), 16777619); return a; }', context) as (s: string) => number)('abc');
    expect(reads).toEqual(['Math', 'Math', 'Math']);
  });
});
