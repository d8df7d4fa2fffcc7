import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { HEARTH_BIN } from './support/cli';
import { identified } from './support/journey';
import { personalDataSetup } from './support/personal-data';
import { Server, startServer } from './support/server';
import { TOKENS, WILLOW } from './support/tokens';

/**
 * Personal data through the real HTTP server: the registrar's routes, the purpose every
 * read states, the roles that are refused, the auditor's hash-chained access log, and a
 * master-key rotation by the CLI while the service runs.
 */
const RECORD = {
  fullName: 'Tang Xiaoyu',
  identityDocument: { kind: 'resident-identity-card', number: '430102199204041111' },
  phone: '+86 151 0000 1111',
};

/** The service's clock: access-log entries are dated by it, like the events it records. */
const SERVICE_NOW = '2026-11-30T09:00:00.000Z';

describe('personal data through the service', () => {
  let server: Server;
  const setup = personalDataSetup();
  const url = (h: string, m?: string, query = '') => `/api/households/${h}${m !== undefined ? `/members/${m}` : ''}/personal-data${query}`;
  /** The real `hearth` executable, run asynchronously: the service in this process keeps serving meanwhile. */
  const cli = (args: readonly string[], env: NodeJS.ProcessEnv = { HEARTH_MASTER_KEY_FILE: setup.keyFile, HEARTH_MASTER_KEY: '', HEARTH_PERSONAL_DATA: `sqlite:${setup.path}` }) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [HEARTH_BIN, '--store', server.store, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  beforeAll(async () => {
    server = await startServer({ personalData: setup.options, now: () => SERVICE_NOW });
    for (const command of identified('hh-pd', WILLOW)) expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, json: command })).status).toBe(201);
    for (const command of identified('hh-other', WILLOW)) expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, json: command })).status).toBe(201);
    const put = await server.request('PUT', url('hh-pd', 'hh-pd-a'), { token: TOKENS.registrar, json: RECORD });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ householdId: 'hh-pd', memberId: 'hh-pd-a', written: true });
  });
  afterAll(async () => {
    await server.close();
    setup.cleanup();
  });

  it('a registrar reads a record back, stating a purpose; the whole household at once; an absent record is 404', async () => {
    const read = await server.request('GET', url('hh-pd', 'hh-pd-a', '?purpose=identity%20check%20at%20a%20visit'), { token: TOKENS.registrar });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ householdId: 'hh-pd', memberId: 'hh-pd-a', record: RECORD });
    const household = await server.request('GET', url('hh-pd', undefined, '?purpose=dashboard'), { token: TOKENS.registrar });
    expect(household.body).toEqual({ householdId: 'hh-pd', members: [{ memberId: 'hh-pd-a', record: RECORD }] });
    const absent = await server.request('GET', url('hh-other', 'hh-other-a', '?purpose=check'), { token: TOKENS.registrar });
    expect([absent.status, absent.body.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('refuses a read without a purpose, or with a blank one: 400 naming the field, and nothing is logged', async () => {
    const before = (await server.request('GET', '/api/personal-data/access-log', { token: TOKENS.auditor })).body.entries.length;
    for (const query of ['', '?purpose=', '?purpose=%20%20']) {
      const answer = await server.request('GET', url('hh-pd', 'hh-pd-a', query), { token: TOKENS.registrar });
      expect({ query, status: answer.status, code: answer.body.code, field: answer.body.field }).toEqual({ query, status: 400, code: 'PURPOSE_REQUIRED', field: 'purpose' });
      expect(answer.text).not.toContain(RECORD.fullName);
    }
    const household = await server.request('GET', url('hh-pd'), { token: TOKENS.registrar });
    expect([household.status, household.body.field]).toEqual([400, 'purpose']);
    const erase = await server.request('DELETE', url('hh-pd'), { token: TOKENS.registrar });
    expect([erase.status, erase.body.code]).toEqual([400, 'PURPOSE_REQUIRED']);
    const twice = await server.request('GET', url('hh-pd', 'hh-pd-a', '?purpose=a&purpose=b'), { token: TOKENS.registrar });
    expect([twice.status, twice.body.field]).toEqual([400, 'purpose']);
    expect((await server.request('GET', '/api/personal-data/access-log', { token: TOKENS.auditor })).body.entries).toHaveLength(before);
  });

  it('refuses caseworkers, analysts and auditors every read and write of details; only auditors read the access log', async () => {
    for (const [who, token] of [['caseworker', TOKENS.willow], ['analyst', TOKENS.analyst], ['auditor', TOKENS.auditor]] as const) {
      const read = await server.request('GET', url('hh-pd', 'hh-pd-a', '?purpose=curious'), { token });
      expect({ who, status: read.status, code: read.body.code }).toEqual({ who, status: 403, code: 'FORBIDDEN' });
      expect(read.text).not.toContain(RECORD.identityDocument.number);
      expect((await server.request('GET', url('hh-pd', undefined, '?purpose=curious'), { token })).status).toBe(403);
      expect((await server.request('PUT', url('hh-pd', 'hh-pd-a'), { token, json: { fullName: 'Someone Else' } })).status).toBe(403);
      expect((await server.request('DELETE', url('hh-pd', undefined, '?purpose=x'), { token })).status).toBe(403);
    }
    for (const token of [TOKENS.registrar, TOKENS.willow, TOKENS.analyst]) expect((await server.request('GET', '/api/personal-data/access-log', { token })).status).toBe(403);
    expect((await server.request('GET', url('hh-pd', 'hh-pd-a', '?purpose=x'))).status).toBe(401);
    // The refused calls changed nothing.
    const read = await server.request('GET', url('hh-pd', 'hh-pd-a', '?purpose=after%20the%20refusals'), { token: TOKENS.registrar });
    expect(read.body.record).toEqual(RECORD);
  });

  it('a registrar reads no case data: histories, reports and commands are refused', async () => {
    expect((await server.request('GET', '/api/households/hh-pd', { token: TOKENS.registrar })).status).toBe(403);
    expect((await server.request('GET', '/api/reports/clearance?year=2016', { token: TOKENS.registrar })).status).toBe(403);
    expect((await server.request('POST', '/api/commands', { token: TOKENS.registrar, json: identified('hh-r', WILLOW)[0] })).status).toBe(403);
    expect((await server.request('GET', '/api/session', { token: TOKENS.registrar })).body).toEqual({ role: 'registrar', actor: 'registrar-li' });
  });

  it('refuses records of unknown households and members, and records that are not the closed shape, naming the field', async () => {
    const unknownHousehold = await server.request('PUT', url('hh-nobody', 'm-1'), { token: TOKENS.registrar, json: RECORD });
    expect([unknownHousehold.status, unknownHousehold.body.code]).toEqual([404, 'UNKNOWN_HOUSEHOLD']);
    const unknownMember = await server.request('PUT', url('hh-pd', 'm-ghost'), { token: TOKENS.registrar, json: RECORD });
    expect(unknownMember.body).toMatchObject({ code: 'UNKNOWN_MEMBER', field: 'memberId' });
    const religion = await server.request('PUT', url('hh-pd', 'hh-pd-a'), { token: TOKENS.registrar, json: { fullName: 'x', religion: 'y' } });
    expect([religion.status, religion.body.code, religion.body.field]).toEqual([400, 'INVALID_RECORD', 'religion']);
    const number = await server.request('PUT', url('hh-pd', 'hh-pd-a'), { token: TOKENS.registrar, json: { identityDocument: { kind: 'card', number: 42 } } });
    expect(number.body.field).toBe('identityDocument.number');
    const text = await server.request('PUT', url('hh-pd', 'hh-pd-a'), { token: TOKENS.registrar, body: 'name=x', contentType: 'text/plain' });
    expect(text.status).toBe(415);
    expect((await server.request('GET', url('hh-pd', 'hh-pd-a', '?purpose=still%20there'), { token: TOKENS.registrar })).body.record).toEqual(RECORD);
  });

  it("records every access in the auditor's access log, whose chain verifies — and exposes an edit, over HTTP and in hearth personal-data log", async () => {
    const log = await server.request('GET', '/api/personal-data/access-log?householdId=hh-pd', { token: TOKENS.auditor });
    expect(log.status).toBe(200);
    expect(log.body.verification).toMatchObject({ ok: true });
    const entries = log.body.entries as { actor: string; action: string; householdId: string; memberId?: string; purpose: string; outcome: string }[];
    expect(entries[0]).toMatchObject({ at: SERVICE_NOW, actor: 'registrar-li', action: 'write', householdId: 'hh-pd', memberId: 'hh-pd-a', outcome: 'written' });
    expect(entries).toContainEqual(expect.objectContaining({ action: 'read', purpose: 'identity check at a visit', outcome: 'found', memberId: 'hh-pd-a' }));
    expect(JSON.stringify(log.body)).not.toMatch(/Tang Xiaoyu|430102199204041111|151 0000/);
    const bad = await server.request('GET', '/api/personal-data/access-log?householdId=not%20an%20id', { token: TOKENS.auditor });
    expect([bad.status, bad.body.field]).toEqual([400, 'householdId']);

    const printed = await cli(['--json', 'personal-data', 'log']);
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout).verification).toMatchObject({ ok: true, entries: (await server.request('GET', '/api/personal-data/access-log', { token: TOKENS.auditor })).body.entries.length });

    // An edit made around the append-only triggers, by someone with write access to the file.
    const db = new Database(setup.path);
    db.exec('DROP TRIGGER access_log_no_update');
    db.prepare(`UPDATE access_log SET purpose = 'routine' WHERE seq = 2`).run();
    db.close();
    const after = await server.request('GET', '/api/personal-data/access-log', { token: TOKENS.auditor });
    expect(after.body.verification).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
    const table = await cli(['personal-data', 'log']);
    expect(table.code).toBe(5);
    expect(table.stdout).toMatch(/Chain BROKEN at entry 2: .*altered/);
  });

  it('follows a master-key rotation made by the CLI while it runs: reads and writes still work, under the new key', async () => {
    const oldKey = readFileSync(setup.keyFile, 'utf8');
    // Registrars keep reading while the CLI rotates: each answer is the record, or a 503 in the
    // instant between the re-wrap and the key file's replacement — never anything else.
    let rotating = true;
    const answers: string[] = [];
    const reading = (async () => {
      while (rotating) {
        const r = await server.request('GET', url('hh-pd', 'hh-pd-a', '?purpose=during%20rotation'), { token: TOKENS.registrar });
        answers.push(r.status === 200 && isDeepStrictEqual(r.body.record, RECORD) ? 'record' : `${r.status} ${r.body?.code}`);
      }
    })();
    const rotated = await cli(['--json', 'personal-data', '--actor', 'ops-wu', 'rotate-master-key']);
    rotating = false;
    await reading;
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a !== 'record' && a !== '503 PERSONAL_DATA_UNAVAILABLE')).toEqual([]);
    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    expect(JSON.parse(rotated.stdout)).toEqual({ householdKeys: 1, walTruncated: true, keyFile: setup.keyFile });
    expect(readFileSync(setup.keyFile, 'utf8')).not.toBe(oldKey);

    const read = await server.request('GET', url('hh-pd', 'hh-pd-a', '?purpose=after%20rotation'), { token: TOKENS.registrar });
    expect([read.status, read.body.record]).toEqual([200, RECORD]);
    const put = await server.request('PUT', url('hh-other', 'hh-other-a'), { token: TOKENS.registrar, json: { fullName: 'Written After Rotation' } });
    expect(put.status).toBe(200);
    const entries = (await server.request('GET', '/api/personal-data/access-log', { token: TOKENS.auditor })).body.entries as { actor: string; action: string }[];
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'ops-wu', action: 'rotate' }));

    // The old key opens nothing any more; a second rotation by the CLI reads the new key from the same file.
    const again = await cli(['personal-data', 'rotate-master-key']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Re-wrapped 2 household key\(s\)/);
    const wrongKey = await cli(['personal-data', '--personal-data', `sqlite:${setup.path}`, 'erase', 'hh-other', '--purpose', 'test'], { HEARTH_MASTER_KEY_FILE: '', HEARTH_MASTER_KEY: oldKey.trim() });
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.stderr).toMatch(/WRONG_MASTER_KEY/);
    expect((await server.request('GET', url('hh-other', 'hh-other-a', '?purpose=check'), { token: TOKENS.registrar })).body.record).toEqual({ fullName: 'Written After Rotation' });
  });

  it('hearth personal-data erase shreds a household while the service runs: the service then refuses its reads (410); usage and unknown households are exit 2 and 4', async () => {
    const help = await cli(['personal-data', 'erase', '--help']);
    expect([help.code, help.stdout]).toEqual([0, expect.stringMatching(/Exit codes: 0 erased/)]);
    const noPurpose = await cli(['personal-data', 'erase', 'hh-other']);
    expect(noPurpose.code).toBe(2);
    const unknown = await cli(['personal-data', 'erase', 'hh-nobody', '--purpose', 'test']);
    expect([unknown.code, unknown.stderr]).toEqual([4, expect.stringMatching(/unknown household hh-nobody/)]);

    const erased = await cli(['--json', 'personal-data', '--actor', 'dpo-zhang', 'erase', 'hh-other', '--purpose', 'the household asked to be forgotten']);
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ householdId: 'hh-other', membersErased: 1, alreadyErased: false });
    const refused = await server.request('GET', url('hh-other', 'hh-other-a', '?purpose=after%20erasure'), { token: TOKENS.registrar });
    expect([refused.status, refused.body.code]).toEqual([410, 'HOUSEHOLD_ERASED']);
    expect((await server.request('GET', '/api/households/hh-other', { token: TOKENS.auditor })).status).toBe(200);
    const again = await cli(['personal-data', 'erase', 'hh-other', '--purpose', 'again']);
    expect([again.code, again.stdout]).toEqual([0, expect.stringMatching(/already erased/)]);
    const entries = (await server.request('GET', '/api/personal-data/access-log?householdId=hh-other', { token: TOKENS.auditor })).body.entries as { actor: string; action: string; outcome: string }[];
    expect(entries.slice(-3).map((e) => `${e.actor} ${e.action}:${e.outcome}`)).toEqual(['dpo-zhang erase:erased', 'registrar-li read:erased', expect.stringMatching(/^cli:\S+ erase:already-erased$/)]);
  });
});

describe('a service started without a master key', () => {
  it('answers 503 PERSONAL_DATA_UNAVAILABLE on the personal-data routes, and serves everything else', async () => {
    const server = await startServer();
    try {
      const answer = await server.request('GET', '/api/households/hh-1/personal-data?purpose=x', { token: TOKENS.registrar });
      expect(answer.status).toBe(404); // the household is unknown to the ledger: checked first
      for (const command of identified('hh-1', WILLOW)) await server.request('POST', '/api/commands', { token: TOKENS.willow, json: command });
      const unavailable = await server.request('GET', '/api/households/hh-1/personal-data?purpose=x', { token: TOKENS.registrar });
      expect([unavailable.status, unavailable.body.code]).toEqual([503, 'PERSONAL_DATA_UNAVAILABLE']);
      expect(unavailable.body.message).toMatch(/HEARTH_MASTER_KEY_FILE/);
      expect((await server.request('GET', '/api/personal-data/access-log', { token: TOKENS.auditor })).status).toBe(503);
      expect((await server.request('GET', '/api/households/hh-1', { token: TOKENS.auditor })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
