import { join } from 'node:path';
import { EXAMPLES, exampleLog, hearth, tempDir, writeLines, storeWithExampleTree } from './support/cli';
import { storeDump } from './support/store-dump';

describe('hearth import', () => {
  let dir: string;
  let cleanup: () => void;
  let store: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    store = storeWithExampleTree(dir);
  });
  afterEach(() => cleanup());

  it('applies a few thousand commands, reports each rejected line with its number and code, and goes on', () => {
    const valid = exampleLog(120); // 3,120 lines; line 20 of each journey is a clearance with no job yet
    const bad = [
      'this is not json',
      '{"type":"ClearHousehold","householdId":"x1","on":20160101}',
      '{"type":"ClearHousehold","on":"2016-01-01"}',
      '{"type":"ClearHousehold","householdId":"x1","on":"2016-01-01","ethnicity":"x"}',
      JSON.stringify({ type: 'ClearHousehold', householdId: 'x1', on: '2016-01-01', note: 'n'.repeat(10 * 1024 * 1024) }),
      '{"type":"ClearHousehold","householdId":"x1","on":"2016-01-01","__proto__":{"admin":true}}',
      '[1,2,3]',
      '',
    ];
    const lines = [...valid.slice(0, 1000), ...bad, ...valid.slice(1000)];
    const file = writeLines(join(dir, 'log.jsonl'), lines);
    const r = hearth(['--store', store, '--json', 'import', '--quiet', file]);
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout);
    const badRows = out.rejected.filter((x: { line: number }) => x.line > 1000 && x.line <= 1008);
    expect(badRows.map((x: { line: number; code: string }) => [x.line, x.code])).toEqual([
      [1001, 'INVALID_COMMAND'], [1002, 'INVALID_COMMAND'], [1003, 'INVALID_COMMAND'], [1004, 'INVALID_COMMAND'],
      [1005, 'INVALID_COMMAND'], [1006, 'INVALID_COMMAND'], [1007, 'INVALID_COMMAND'],
    ]);
    expect(badRows[1].message).toContain('on');
    expect(badRows[2].message).toContain('householdId');
    expect(badRows[3].message).toContain('ethnicity');
    expect(badRows[4].message).toContain('line is');
    expect(badRows[5].message).toContain('__proto__');
    const domainRejections = out.rejected.filter((x: { code: string }) => x.code === 'NO_ACTIVE_EMPLOYMENT');
    expect(domainRejections).toHaveLength(120);
    expect(out.accepted).toBe(valid.length - 120);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  it('appends nothing for a rejected line: the store holds exactly the accepted events', () => {
    const file = writeLines(join(dir, 'log.jsonl'), exampleLog(3));
    const r = hearth(['--store', store, '--json', 'import', '--quiet', file]);
    expect(r.code).toBe(3);
    const dump = storeDump(join(dir, 'hearth.db'));
    const householdEvents = dump.filter((e) => e.streamId.startsWith('household-'));
    // 25 accepted commands a journey; the follow-up visit that found a concern appends two events
    expect(householdEvents).toHaveLength(3 * 26);
    expect(householdEvents.some((e) => e.type === 'HouseholdCleared' && e.occurredOn === '2016-05-01')).toBe(false);
  });

  it('importing the same file twice appends nothing the second time', () => {
    const file = writeLines(join(dir, 'log.jsonl'), exampleLog(5));
    hearth(['--store', store, 'import', '--quiet', file]);
    const before = storeDump(join(dir, 'hearth.db')).filter((e) => e.streamId.startsWith('household-'));
    const copy = writeLines(join(dir, 'copy.jsonl'), [...exampleLog(5), '']); // another file: no checkpoint, only command ids
    const r = hearth(['--store', store, '--json', 'import', '--quiet', copy]);
    const out = JSON.parse(r.stdout);
    expect(out.accepted).toBe(0);
    expect(out.unchanged).toBe(5 * 25);
    expect(storeDump(join(dir, 'hearth.db')).filter((e) => e.streamId.startsWith('household-'))).toEqual(before);
  });

  it('rejects a line that gives a key twice, naming it, and appends nothing for it', () => {
    const [register, ...rest] = exampleLog(1) as [string, ...string[]];
    const twice = register.replace(/"on": ?"2016-02-01"/, (on) => `${on}, "on": "2016-03-01"`);
    expect(twice).not.toBe(register);
    const file = writeLines(join(dir, 'log.jsonl'), [twice, ...rest]);
    const r = hearth(['--store', store, '--json', 'import', '--quiet', file]);
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout);
    expect(out.rejected[0]).toMatchObject({ line: 1, code: 'INVALID_COMMAND' });
    expect(out.rejected[0].message).toContain('"on"');
    // Neither date was recorded: the household was never registered, so its later lines were refused too.
    expect(storeDump(join(dir, 'hearth.db')).filter((e) => e.streamId === 'household-hh-0-1')).toEqual([]);
  });

  it('reads standard input with "-"', () => {
    const r = hearth(['--store', store, '--json', 'import', '-'], { input: `${exampleLog(1).join('\n')}\n` });
    expect(JSON.parse(r.stdout).accepted).toBe(25);
  });

  it('exits 2 for a file that does not exist, and changes nothing', () => {
    const r = hearth(['--store', store, 'import', join(dir, 'nope.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.jsonl');
  });

  it('exits 4 on a store without a division tree, recording nothing, so that the same file imports whole once the tree is loaded', () => {
    // Run the other way round, every line was rejected UNKNOWN_DIVISION and checkpointed: a rerun after the tree skipped them all.
    const bare = `sqlite:${join(dir, 'bare.db')}`;
    const file = join(EXAMPLES, 'commands.jsonl');
    const first = hearth(['--store', bare, '--json', 'import', '--quiet', file]);
    expect(first.code).toBe(4);
    expect(first.stdout).toBe('');
    expect(first.stderr).toBe('hearth: no division tree is recorded yet: run `hearth divisions load FILE` first\n');
    expect(hearth(['--store', bare, 'divisions', 'load', join(EXAMPLES, 'divisions.json')]).code).toBe(0);
    const second = hearth(['--store', bare, '--json', 'import', '--quiet', file]);
    expect(second.code).toBe(3);
    expect(JSON.parse(second.stdout)).toMatchObject({ accepted: 25, skipped: 0, earlierRejected: [], rejected: [{ line: 20, code: 'NO_ACTIVE_EMPLOYMENT', fields: [{ path: 'on' }] }] });
  });

  it('a rerun lists an earlier run\'s rejection with the field it named, as its checkpoint kept it (decisions 148, 160)', () => {
    const file = join(EXAMPLES, 'commands.jsonl');
    const first = JSON.parse(hearth(['--store', store, '--json', 'import', '--quiet', file]).stdout);
    const again = hearth(['--store', store, '--json', 'import', '--quiet', file]);
    expect(again.code).toBe(3);
    expect(JSON.parse(again.stdout)).toMatchObject({ rejected: [], earlierRejected: first.rejected });
    expect(JSON.parse(again.stdout).earlierRejected).toEqual([expect.objectContaining({ line: 20, code: 'NO_ACTIVE_EMPLOYMENT', fields: [{ path: 'on', message: 'no member is employed on this date' }] })]);
    const table = hearth(['--store', store, 'import', '--quiet', file]);
    expect(table.stdout).toMatch(/rejected by an earlier run[^]*^ *20 +\S+ +ClearHousehold +NO_ACTIVE_EMPLOYMENT +on +no member is employed on /m);
  });

  it('lists a rejected line with the field its rejection names (ADR 148)', () => {
    const r = hearth(['--store', store, 'import', '--quiet', join(EXAMPLES, 'commands.jsonl')]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^line +household +type +code +field +message$/m);
    expect(r.stdout).toMatch(/^ *20 +\S+ +ClearHousehold +NO_ACTIVE_EMPLOYMENT +on +no member is employed on /m);
  });

  it('imports the same events with any --cached-households, and refuses one that is not a positive integer (exit 2)', () => {
    const file = writeLines(join(dir, 'log.jsonl'), exampleLog(6));
    const other = storeWithExampleTree(dir, 'other.db');
    const byDefault = JSON.parse(hearth(['--store', store, '--json', 'import', '--quiet', '--batch-size', '10', file]).stdout);
    const one = JSON.parse(hearth(['--store', other, '--json', 'import', '--quiet', '--batch-size', '10', '--cached-households', '1', file]).stdout);
    expect(one).toEqual(byDefault);
    expect(byDefault.accepted).toBeGreaterThan(0);
    for (const bad of ['0', '-3', '2.5', 'many']) {
      const r = hearth(['--store', other, 'import', '--cached-households', bad, file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--cached-households must be a positive integer');
    }
  });

  it('imports the same events with a cache that grows from one household, and refuses a --max-cached-households below --cached-households (exit 2)', () => {
    const file = writeLines(join(dir, 'log.jsonl'), exampleLog(6));
    const other = storeWithExampleTree(dir, 'growing.db');
    const byDefault = JSON.parse(hearth(['--store', store, '--json', 'import', '--quiet', '--batch-size', '10', file]).stdout);
    const growing = JSON.parse(hearth(['--store', other, '--json', 'import', '--quiet', '--batch-size', '10', '--cached-households', '1', '--max-cached-households', '3', file]).stdout);
    expect(growing).toEqual(byDefault);
    for (const bad of [['--max-cached-households', '999'], ['--cached-households', '5', '--max-cached-households', '4'], ['--max-cached-households', 'lots']]) {
      const r = hearth(['--store', other, 'import', ...bad, file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--max-cached-households must be an integer of at least --cached-households');
    }
  });

  it('has --help that explains the deterministic command ids', () => {
    const r = hearth(['import', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('commandId');
  });
});
