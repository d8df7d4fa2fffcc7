import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, hearth, tempDir, writeLines } from './support/cli';
import { storeDump } from './support/store-dump';

describe('hearth regroup', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  const importInto = (name: string, divisions: string, file: string) => {
    const store = `sqlite:${join(dir, `${name}.db`)}`;
    expect(hearth(['--store', store, 'divisions', 'load', divisions, '--on', '2015-12-31']).code).toBe(0);
    const r = hearth(['--store', store, '--json', 'import', file]);
    expect(r.code).toBe(3); // the generator's deliberate mistakes
    const summary = JSON.parse(r.stdout) as { accepted: number; rejected: { code: string }[] };
    return { summary, stderr: r.stderr, households: storeDump(join(dir, `${name}.db`)).filter((e) => e.streamId.startsWith('household-')) };
  };

  it('writes a generated log in date order household by household; importing it appends the same events, stream for stream, as importing the log, which the import says to regroup', () => {
    const log = join(dir, 'date.jsonl');
    const divisions = join(dir, 'divisions.json');
    expect(hearth(['generate', '--households', '300', '--seed', '3', '--order', 'date', '--out', log, '--divisions-out', divisions]).code).toBe(0);
    const grouped = join(dir, 'grouped.jsonl');
    const r = hearth(['--json', 'regroup', '--quiet', log, '--out', grouped]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    const source = readFileSync(log, 'utf8').trim().split('\n');
    expect(summary).toEqual({ lines: source.length, households: 300, written: source.length, commandIdsAdded: 0, leftOut: [] });

    const written = readFileSync(grouped, 'utf8').trim().split('\n');
    const householdOf = (line: string): string => (JSON.parse(line) as { householdId: string }).householdId;
    // Each household's lines are together, in the order of the log.
    const runs = written.map(householdOf).filter((h, i, all) => i === 0 || all[i - 1] !== h);
    expect(runs).toHaveLength(300);
    expect(runs).toEqual([...new Set(source.map(householdOf))].sort());
    for (const h of runs.slice(0, 5)) expect(written.filter((l) => householdOf(l) === h)).toEqual(source.filter((l) => householdOf(l) === h));

    const direct = importInto('direct', divisions, log);
    const regrouped = importInto('regrouped', divisions, grouped);
    expect(regrouped.households).toEqual(direct.households);
    // 300 households over ~10,000 commands in date order come back to households thousands of times: the import tells.
    expect(direct.stderr).toContain(`hearth regroup ${log} --out FILE`);
    expect(regrouped.stderr).not.toContain('interleaves');
    expect(regrouped.summary.accepted).toBe(direct.summary.accepted);
    expect(regrouped.summary.rejected.map((x) => x.code).sort()).toEqual(direct.summary.rejected.map((x) => x.code).sort());
    expect(readdirSync(dir).filter((f) => f.startsWith('hearth-regroup-') || f.endsWith('.partial'))).toEqual([]);
  });

  it('lists the lines it leaves out and exits 3; refuses to write over its input, and an unreadable input (exit 2)', () => {
    const register = (id: string) => JSON.stringify({ type: 'RegisterHousehold', householdId: id, on: '2016-01-01', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] });
    const file = writeLines(join(dir, 'log.jsonl'), [register('b'), 'not json', register('a'), '{"type":"ClearHousehold","on":"2016-02-01"}']);
    const r = hearth(['--json', 'regroup', '--quiet', file, '--out', join(dir, 'out.jsonl')]);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).leftOut).toEqual([{ line: 2, reason: 'not JSON' }, { line: 4, reason: 'no householdId string' }]);
    const text = hearth(['regroup', '--quiet', file, '--out', join(dir, 'out2.jsonl')]);
    expect(text.code).toBe(3);
    expect(text.stdout).toContain('2 line(s) left out');

    const same = hearth(['regroup', file, '--out', join(dir, '.', 'log.jsonl')]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('is the input file');
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(register('b'));
    const missing = hearth(['regroup', join(dir, 'nope.jsonl'), '--out', join(dir, 'x.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.jsonl');
  });

  it('refuses an --out whose partial file is the input (exit 2), where opening it emptied the input and wrote an empty --out with exit 0', () => {
    const register = JSON.stringify({ type: 'RegisterHousehold', householdId: 'a', on: '2016-01-01', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] });
    const file = writeLines(join(dir, 'in.partial'), [register]);
    const r = hearth(['regroup', '--quiet', file, '--out', join(dir, 'in')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`is written first as ${join(dir, 'in.partial')}, which is the input file`);
    expect(readdirSync(dir)).toEqual(['in.partial']);
    expect(readFileSync(file, 'utf8')).toBe(`${register}\n`);
  });

  it('refuses an --out that is a directory before any work (exit 2), where it failed at the rename with exit 1 and left <out>.partial behind', () => {
    const file = writeLines(join(dir, 'log.jsonl'), [JSON.stringify({ type: 'RegisterHousehold', householdId: 'a', on: '2016-01-01', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] })]);
    mkdirSync(join(dir, 'out'));
    const r = hearth(['regroup', file, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`hearth: cannot write --out ${join(dir, 'out')}: it is a directory, not a file. Give a file path in an existing directory.\n`);
    expect(readdirSync(dir).sort()).toEqual(['log.jsonl', 'out']);
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });

  it('has --help that says what changes and what does not', () => {
    const r = hearth(['regroup', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('the households in the order of their ids');
    expect(r.stdout).toContain('commandId');
  });

  it('refuses a pipe with exit 2, where the second read found it drained and wrote an empty file with exit 0', () => {
    const file = writeLines(join(dir, 'log.jsonl'), [JSON.stringify({ type: 'RegisterHousehold', householdId: 'a', on: '2016-01-01', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] })]);
    const out = join(dir, 'out.jsonl');
    // `hearth regroup <(zcat log.gz)`: bash hands over a /dev/fd path to a pipe.
    const r = spawnSync('bash', ['-c', 'exec "$0" "$1" regroup --quiet <(cat "$2") --out "$3"', process.execPath, BIN, file, out], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not a regular file (a pipe or a device)');
    expect(readdirSync(dir).filter((f) => f.startsWith('out.jsonl'))).toEqual([]);
  });
});
