import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bitemporalMember, writeBitemporalExample } from '@hearth/ledger/testing';
import { EXAMPLES, hearth, tempDir, writeLines } from './support/cli';

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
    // The table, for people, cuts the instant to the second: its column says the time is UTC, not local.
    const table = hearth(['--store', store, 'history', 'hh-002']).stdout;
    expect(table).toMatch(/\brecorded at \(UTC\)/);
    expect(table).toContain(e.recordedAt.slice(0, 19));
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

/**
 * Each event of the timeline carries its `eventId`, which a CorrectEvent must name (domain.md
 * §4): without it in the history, an imported event could never be corrected (decision 197).
 */
describe('hearth history names each event by the id a CorrectEvent takes', () => {
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

  const timeline = () => JSON.parse(hearth(['--store', store, '--json', 'history', 'hh-002']).stdout) as { events: { eventId: string; position: number; type: string; data: Record<string, unknown> }[] };

  it('shows the id in --json and in the table, and an imported CorrectEvent naming it is accepted and points at that entry', () => {
    const employed = timeline().events.find((e) => e.type === 'MemberEmployed');
    expect(employed?.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(hearth(['--store', store, 'history', 'hh-002']).stdout).toContain(employed?.eventId);
    const correct = { type: 'CorrectEvent', householdId: 'hh-002', on: '2017-02-01', eventId: employed?.eventId, correction: { monthlyIncome: 3200 }, reason: 'income keyed from the wrong slip', actor: 'caseworker-3' };
    const imported = hearth(['--store', store, '--json', 'import', writeLines(join(dir, 'correct.jsonl'), [JSON.stringify(correct)])]);
    expect({ code: imported.code, result: JSON.parse(imported.stdout) }).toMatchObject({ code: 0, result: { accepted: 1, rejected: [] } });
    const corrected = timeline().events.find((e) => e.type === 'EventCorrected');
    expect(corrected?.data).toMatchObject({ eventId: employed?.eventId, correction: { monthlyIncome: 3200 } });
    // The table says which event the correction amends, by its position (an auditor's review read only "EventCorrected").
    expect(hearth(['--store', store, 'history', 'hh-002']).stdout).toContain(`EventCorrected (of pos ${String(employed?.position)})`);
  });
});

/**
 * A store written at chosen recording times, through the library the CLI runs: hh-b surveyed in
 * 2019 as unable and unwilling, a data-entry error corrected in 2021; hh-late registered with
 * a 2018 business date, keyed in only in 2022 (docs/decisions/0154).
 */
describe('hearth history, bitemporal: --as-of (business time, as corrected) and --known-at (recording time)', () => {
  let dir: string;
  let cleanup: () => void;
  let file: string;
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    file = join(dir, 'bitemporal.db');
    await writeBitemporalExample(`sqlite:${file}`, dir, async (ledger) => {
      if (!ledger.divisions) await ledger.recordDivisionTree(JSON.parse(readFileSync(join(EXAMPLES, 'divisions.json'), 'utf8')), '2016-01-01');
    });
  });
  afterAll(() => cleanup());

  const history = (...args: string[]) => {
    const r = hearth(['--store', `sqlite:${file}`, '--json', 'history', ...args]);
    return { code: r.code, body: r.code === 0 ? JSON.parse(r.stdout) : undefined, stdout: r.stdout, stderr: r.stderr };
  };
  const capacity = (body: { members: { laborCapacity: string; willing: boolean; eligible: boolean }[] }) => body.members.map((m) => [m.laborCapacity, m.willing, m.eligible]);

  it('as of 2020, the survey of 2019 reads as corrected in 2021, and the correction is listed', () => {
    const { code, body } = history('hh-b', '--as-of', '2020-12-31');
    expect(code).toBe(0);
    expect(capacity(body)).toEqual([['full', true, true]]);
    expect(body.events.map((e: { type: string }) => e.type)).toEqual(['HouseholdRegistered', 'HouseholdSurveyed']);
    expect(body.knownAt).toBeNull();
    expect(body.laterCorrections).toEqual([expect.objectContaining({
      occurredOn: '2021-06-15', recordedAt: '2021-06-16T09:00:00.000Z', correctedType: 'HouseholdSurveyed',
      correctedPosition: body.events[1].position, correctedEventId: body.events[1].eventId, correction: { members: [bitemporalMember('full', true)] }, reason: 'keyed against the wrong member',
    })]);
  });

  it('known at the end of 2020, it is what the ledger said then: the survey uncorrected', () => {
    const { code, body } = history('hh-b', '--as-of', '2020-12-31', '--known-at', '2020-12-31');
    expect(code).toBe(0);
    expect(capacity(body)).toEqual([['none', false, false]]);
    expect(body.laterCorrections).toEqual([]);
    expect(body.knownAt).toBe('2020-12-31T23:59:59.999Z');
  });

  it('a household registered for 2018 but recorded in 2022 is there as of 2019, and not known at 2020', () => {
    expect(history('hh-late', '--as-of', '2019-12-31').body).toMatchObject({ status: 'registered', events: [{ occurredOn: '2018-03-01' }] });
    expect(history('hh-late', '--as-of', '2019-12-31', '--known-at', '2020-12-31').body).toMatchObject({ status: 'unregistered', members: [], events: [], anomalies: [] });
  });

  it('the table names the later correction and the instant asked for', () => {
    const r = hearth(['--store', `sqlite:${file}`, 'history', 'hh-b', '--as-of', '2020-12-31']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Corrected by 1 correction(s) dated after 2020-12-31, applied above:');
    expect(r.stdout).toContain('HouseholdSurveyed (pos');
    expect(hearth(['--store', `sqlite:${file}`, 'history', 'hh-b', '--known-at', '2020-12-31']).stdout).toContain('as recorded by 2020-12-31T23:59:59.999Z');
  });

  it.each(['2020-12-31T10:00', '2021-02-30', 'yesterday', ''])('refuses --known-at %j with exit 2, naming the option and the forms it takes, and changes nothing', (bad) => {
    const digest = () => createHash('sha256').update(readFileSync(file)).digest('hex');
    const before = digest();
    const r = history('hh-b', '--known-at', bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`hearth: --known-at ${JSON.stringify(bad)} is not a date (YYYY-MM-DD: the end of that day in UTC) or a time with its zone (YYYY-MM-DDTHH:MM[:SS[.sss]] then Z or ±HH:MM)\n`);
    expect(digest()).toBe(before);
  });

  it.each(['2021-01-01T00:00+14:30', '2021-01-01T00:00-12:30'])('refuses --known-at %j, an offset no zone has, with exit 2 saying the offsets zones have, and changes nothing', (bad) => {
    const digest = () => createHash('sha256').update(readFileSync(file)).digest('hex');
    const before = digest();
    const r = history('hh-b', '--known-at', bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `hearth: --known-at ${JSON.stringify(bad)} is not a date (YYYY-MM-DD: the end of that day in UTC) or a time with its zone (YYYY-MM-DDTHH:MM[:SS[.sss]] then Z or ±HH:MM): its UTC offset ${bad.slice(-6)} is no zone's (they run from -12:00 to +14:00)\n`,
    );
    expect(digest()).toBe(before);
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
