import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES, hearth, tempDir, writeLines } from './support/cli';

/** Every event's stream, type and recorded actor, in log order, read straight from the file. */
const actors = (file: string): { stream: string; type: string; actor: string }[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[], { stream: string; type: string; actor: string }>("SELECT stream_id AS stream, type, json_extract(metadata, '$.actor') AS actor FROM events ORDER BY position")
      .all();
  } finally {
    db.close();
  }
};

const REGISTER = { type: 'RegisterHousehold', householdId: 'hh-actor', on: '2016-03-01', divisionCode: 'P01C01T01V01', members: [{ memberId: 'm1', birthYear: 1980 }] };

/**
 * What the CLI writes records who ran it (domain.md §4.4: the caller's identity when a
 * command names none; decision 203): --actor, else $HEARTH_ACTOR, else cli:<user>.
 */
describe('who the CLI records as the actor', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir()));
  afterAll(() => cleanup());

  const loadAndImport = (name: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) => {
    const file = join(dir, `${name}.db`);
    const lines = writeLines(join(dir, `${name}.jsonl`), [JSON.stringify(REGISTER), JSON.stringify({ ...REGISTER, householdId: 'hh-named', actor: 'caseworker-9' })]);
    expect(hearth(['--store', `sqlite:${file}`, ...args, 'divisions', 'load', join(EXAMPLES, 'divisions.json')], { env }).code).toBe(0);
    expect(hearth(['--store', `sqlite:${file}`, ...args, 'import', '--quiet', lines], { env }).code).toBe(0);
    return actors(file);
  };

  it('is the operating-system user by default: the division tree, the import checkpoint, and a command line that names no actor', () => {
    const me = `cli:${userInfo().username.replace(/[^A-Za-z0-9._:-]/g, '_')}`.slice(0, 64);
    const recorded = loadAndImport('default', [], { HEARTH_ACTOR: '' });
    expect(recorded.map((e) => e.actor)).not.toContain('system');
    expect(recorded.find((e) => e.type === 'DivisionTreeRecorded' || e.stream === 'divisions')?.actor).toBe(me);
    expect(recorded.find((e) => e.type === 'ImportProgressed')?.actor).toBe(me);
    expect(recorded.filter((e) => e.type === 'HouseholdRegistered').map((e) => [e.stream, e.actor])).toEqual([
      ['household-hh-actor', me],
      ['household-hh-named', 'caseworker-9'],
    ]);
  });

  it('is --actor when given, before $HEARTH_ACTOR; a line that names its actor keeps it', () => {
    const recorded = loadAndImport('given', ['--actor', 'clerk-7'], { HEARTH_ACTOR: 'from-env' });
    expect(new Set(recorded.filter((e) => e.stream !== 'household-hh-named').map((e) => e.actor))).toEqual(new Set(['clerk-7']));
    expect(recorded.find((e) => e.stream === 'household-hh-named')?.actor).toBe('caseworker-9');
  });

  it('is $HEARTH_ACTOR without --actor', () => {
    const recorded = loadAndImport('env', [], { HEARTH_ACTOR: 'from-env' });
    expect(recorded.find((e) => e.stream === 'household-hh-actor')?.actor).toBe('from-env');
  });

  it('refuses an --actor that is no id, writing nothing', () => {
    const file = join(dir, 'refused.db');
    const r = hearth(['--store', `sqlite:${file}`, '--actor', 'two words', 'divisions', 'load', join(EXAMPLES, 'divisions.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--actor must be');
    expect(existsSync(file)).toBe(false);
  });

  it('is asked only of a command that appends: a malformed $HEARTH_ACTOR stops divisions load, not verify or a report', () => {
    const file = join(dir, 'read-only.db');
    expect(hearth(['--store', `sqlite:${file}`, 'divisions', 'load', join(EXAMPLES, 'divisions.json')]).code).toBe(0);
    const env = { HEARTH_ACTOR: 'ops team' };
    expect(hearth(['--store', `sqlite:${file}`, 'verify'], { env }).code).toBe(0);
    expect(hearth(['--store', `sqlite:${file}`, 'report', 'clearance', '--year', '2016'], { env }).code).toBe(0);
    const refused = hearth(['--store', `sqlite:${file}`, 'divisions', 'load', join(EXAMPLES, 'divisions.json')], { env });
    expect({ code: refused.code, said: refused.stderr.includes('$HEARTH_ACTOR must be') }).toEqual({ code: 2, said: true });
  });
});
