import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, hearth, tempDir, writeLines } from './support/cli';

/**
 * Decision 159 (a checkpoint keeps nothing of a refused line's values) is tested on the
 * importer in one process. The real `hearth import` has two other ways in: a file cut into
 * parts, each decided by a process of its own (`--workers 2`, each part writing its own
 * checkpoints and the file's split), and standard input (`-`). Names typed in the wrong
 * place of an import line, sent both ways: afterwards no byte of the store holds them.
 */
const REFUSED = { inABirthYear: 'Lu Jian-W1', asAnUnknownKey: 'Shen Dan-W2', asAHouseholdId: 'Hu Yan W3', inALineNotJson: 'Qiu Fang-W4' };

const journeyOf = (householdId: string): string[] =>
  readFileSync(join(EXAMPLES, 'commands.jsonl'), 'utf8').trim().split('\n').slice(0, 4).map((l) => l.replace(/hh-001/g, householdId));

/** Two households' first steps, and a refused line for each way a name goes where it should not. */
const lines = [
  ...journeyOf('hh-001'),
  ...journeyOf('hh-002'),
  JSON.stringify({ type: 'RegisterHousehold', householdId: 'hh-003', on: '2016-02-01', divisionCode: 'P01C01T01V01', members: [{ memberId: 'hh-003-a', birthYear: REFUSED.inABirthYear }] }),
  JSON.stringify({ type: 'RejectApplication', householdId: 'hh-002', on: '2016-05-01', reason: 'r', [REFUSED.asAnUnknownKey]: 1 }),
  JSON.stringify({ type: 'RejectApplication', householdId: REFUSED.asAHouseholdId, on: '2016-05-01', reason: 'r' }),
  `{"type": "RejectApplication", "householdId": "hh-001", "reason": ${REFUSED.inALineNotJson}}`,
];

/** The refused values found in any file of `dir` but the import file itself. */
const keptIn = (dir: string): string[] => {
  const files = readdirSync(dir).filter((f) => f !== 'log.jsonl').map((f) => readFileSync(join(dir, f)));
  return Object.entries(REFUSED).filter(([, v]) => files.some((bytes) => bytes.includes(v))).map(([k]) => k);
};

describe('an import in parts, or from standard input, keeps nothing of a refused line in the store', () => {
  let dir: string;
  let cleanup: () => void;
  let store: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    store = `sqlite:${join(dir, 'hearth.db')}`;
    expect(hearth(['--store', store, 'divisions', 'load', '--on', '2016-01-01', join(EXAMPLES, 'divisions.json')]).code).toBe(0);
  });
  afterEach(() => cleanup());

  it('with --workers 2: each part refuses its lines, quoting the values to its runner; the checkpoints keep none', () => {
    const file = writeLines(join(dir, 'log.jsonl'), lines);
    const run = hearth(['--store', store, '--json', 'import', '--quiet', '--workers', '2', file]);
    expect(run.code).toBe(3);
    const summary = JSON.parse(run.stdout);
    expect([summary.accepted, (summary.rejected as { line: number }[]).map((r) => r.line)]).toEqual([8, [9, 10, 11, 12]]);
    expect(run.stdout).toContain(REFUSED.inABirthYear);
    // The split and the parts' checkpoints are in the store: the scan reads them.
    expect(readFileSync(join(dir, 'hearth.db')).includes('ImportSplit')).toBe(true);
    expect(keptIn(dir)).toEqual([]);
    const rerun = hearth(['--store', store, '--json', 'import', '--quiet', '--workers', '2', file]);
    expect([rerun.code, JSON.parse(rerun.stdout).earlierRejected.length]).toEqual([3, 4]);
    expect(Object.values(REFUSED).filter((v) => rerun.stdout.includes(v) || rerun.stderr.includes(v))).toEqual([]);
  });

  it('from standard input: the lines are refused, and nothing of them is in the store', () => {
    const run = hearth(['--store', store, '--json', 'import', '--quiet', '-'], { input: `${lines.join('\n')}\n` });
    expect(run.code).toBe(3);
    expect((JSON.parse(run.stdout).rejected as { line: number }[]).map((r) => r.line)).toEqual([9, 10, 11, 12]);
    expect(keptIn(dir)).toEqual([]);
  });
});
