import Database from 'better-sqlite3';
import { join } from 'node:path';
import { EXAMPLES, hearth, tempDir } from './support/cli';

describe('hearth history', () => {
  let dir: string;
  let cleanup: () => void;
  let store: string;
  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    store = `sqlite:${join(dir, 'hearth.db')}`;
    hearth(['--store', store, 'divisions', 'load', join(EXAMPLES, 'divisions.json')]);
    hearth(['--store', store, 'import', '--quiet', join(EXAMPLES, 'commands.jsonl')]);
  });
  afterAll(() => cleanup());

  const history = (...args: string[]) => {
    const r = hearth(['--store', store, '--json', 'history', ...args]);
    return { code: r.code, body: r.code === 0 ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
  };

  it('replays a household to the end of any date', () => {
    const before = history('hh-002', '--as-of', '2016-08-29').body;
    const during = history('hh-002', '--as-of', '2016-08-31').body;
    const after = history('hh-002', '--as-of', '2016-09-10').body;
    const now = history('hh-002').body;
    expect([before.status, during.status, after.status, now.status]).toEqual(['cleared', 'cleared', 'cleared', 'identified']);
    expect([before.openLaborConcerns, during.openLaborConcerns, after.openLaborConcerns]).toEqual([[], ['v-1'], []]);
    expect(during.events.map((e: { occurredOn: string }) => e.occurredOn).every((d: string) => d <= '2016-08-31')).toBe(true);
    expect(during.events).toHaveLength(8);
    expect(now.events).toHaveLength(11);
  });

  it('shows who recorded each event, when, and its note', () => {
    const e = history('hh-002').body.events.find((x: { type: string }) => x.type === 'MemberEmployed');
    expect(e).toMatchObject({ actor: 'caseworker-3', occurredOn: '2016-05-20', note: 'found work himself through relatives', hashOk: true });
    expect(Date.parse(e.recordedAt)).not.toBeNaN();
  });

  it('members as of a date: eligible and employed', () => {
    const m = history('hh-001', '--as-of', '2016-09-01').body.members;
    expect(m.map((x: { memberId: string; eligible: boolean; employed: boolean }) => [x.memberId, x.eligible, x.employed])).toEqual([
      ['hh-001-a', true, true], ['hh-001-b', false, false], ['hh-001-c', false, false],
    ]);
  });

  it('flags an event whose stored data was edited behind the ledger\'s back', () => {
    const db = new Database(join(dir, 'hearth.db'));
    const row = db.prepare("SELECT position, data FROM events WHERE type = 'MemberEmployed' AND stream_id = 'household-hh-001'").get() as { position: number; data: string };
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(row.data.replace('2600', '9600'), row.position);
    db.close();
    const events = history('hh-001').body.events as { position: number; hashOk: boolean }[];
    expect(events.filter((e) => !e.hashOk).map((e) => e.position)).toEqual([row.position]);
  });

  it('exits 4 for an unknown household and 2 for a bad date', () => {
    expect(history('nobody').code).toBe(4);
    expect(history('hh-001', '--as-of', '2016-02-30').code).toBe(2);
  });

  it('quotes an unknown id on one line: empty, or with a line break that would forge a second message', () => {
    const empty = history('');
    expect(empty.code).toBe(4);
    expect(empty.stderr).toBe('hearth: unknown household ""\n');
    const forged = history('hh-9\nhearth: all clear');
    expect(forged.code).toBe(4);
    expect(forged.stderr).toBe('hearth: unknown household "hh-9\\nhearth: all clear"\n');
  });
});

describe('npx hearth', () => {
  it('is linked as the workspace executable, so `npx hearth` works from the repository root after npm ci', () => {
    const { spawnSync } = jest.requireActual('node:child_process') as typeof import('node:child_process');
    const { resolve } = jest.requireActual('node:path') as typeof import('node:path');
    const root = resolve(__dirname, '../../..');
    const r = spawnSync(resolve(root, 'node_modules/.bin/hearth'), ['history', '--help'], { encoding: 'utf8', cwd: root });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--as-of');
  });
});
