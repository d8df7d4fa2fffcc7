import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { hearth } from './support/cli';
import { identified } from './support/journey';
import { personalDataSetup } from './support/personal-data';
import { Server, startServer } from './support/server';
import { TOKENS, WILLOW } from './support/tokens';

/**
 * The erasure an operator runs with `hearth personal-data erase` while the service keeps
 * running on the same personal-data file (docs/personal-data.md, CLI): the other process's
 * connection is open but idle, so the erasure empties the WAL, and nothing of the household
 * is left on disk while the service still runs; the service sees the erasure at its next
 * request. And the erasure the service makes while another process (a backup, an auditor's
 * `hearth personal-data log`) holds a read snapshot of the file: it cannot empty the WAL.
 */
const RECORD = { fullName: 'Wen Lihua-7Q', identityDocument: { kind: 'resident-identity-card', number: 'ID-559-XYZ' }, phone: '+86 139 5550 7788' };

describe('an erasure while the service runs on the personal-data file', () => {
  const setup = personalDataSetup();
  let server: Server;
  const path = (h: string, query = '') => `/api/households/${h}/members/${h}-a/personal-data${query}`;
  /**
   * The files are read by another process: any descriptor of the file opened and closed in the service's own process
   * (a readFileSync, a second connection) drops the locks the service's connection holds on it (POSIX locks are the
   * process's), and the CLI's erasure then takes itself for the last connection and deletes the WAL and its index under
   * the running service. A household's wrapped key as stored:
   */
  const wrappedKeyOf = (householdId: string): Buffer => {
    const script = `const db = new (require('better-sqlite3'))(process.argv[1], { readonly: true }); const k = db.prepare('SELECT wrapped_key FROM household_keys WHERE household_id = ?').pluck().get(process.argv[2]); db.close(); process.stdout.write(k ? k.toString('hex') : '');`;
    const r = spawnSync(process.execPath, ['-e', script, setup.path, householdId], { encoding: 'utf8', cwd: __dirname });
    if (r.status !== 0 || r.stdout === '') throw new Error(`no household key was stored: ${r.stderr}`);
    return Buffer.from(r.stdout, 'hex');
  };
  /** Every byte of the personal-data file and its WAL, read while the service holds them open. */
  const personalDataBytes = (): Buffer => {
    const script = `const fs = require('fs'); const dir = process.argv[1]; process.stdout.write(Buffer.concat(fs.readdirSync(dir).map((f) => fs.readFileSync(dir + '/' + f))).toString('hex'));`;
    const r = spawnSync(process.execPath, ['-e', script, dirname(setup.path)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(r.stderr);
    return Buffer.from(r.stdout, 'hex');
  };

  beforeAll(async () => {
    server = await startServer({ personalData: setup.options });
    for (const h of ['hh-gone', 'hh-kept', 'hh-read']) {
      for (const command of identified(h, WILLOW)) expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, json: command })).status).toBe(201);
      expect((await server.request('PUT', path(h), { token: TOKENS.registrar, json: { ...RECORD, fullName: `${RECORD.fullName} of ${h}` } })).status).toBe(200);
    }
    expect((await server.request('GET', path('hh-gone', '?purpose=check%20before%20erasure'), { token: TOKENS.registrar })).status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
    setup.cleanup();
  });

  it("hearth personal-data erase, run beside the service, empties the WAL: while the service runs no file holds the household's key or values; the service answers 410 at once", async () => {
    const wrapped = wrappedKeyOf('hh-gone');
    expect(personalDataBytes().includes(wrapped)).toBe(true);

    const erased = hearth(server.store, ['--json', 'personal-data', '--personal-data', `sqlite:${setup.path}`, '--master-key-file', setup.keyFile, '--actor', 'operator-1', 'erase', 'hh-gone', '--purpose', 'the household asked to be forgotten']);
    expect([erased.code, erased.stderr]).toEqual([0, '']);
    expect(JSON.parse(erased.stdout)).toMatchObject({ householdId: 'hh-gone', membersErased: 1, alreadyErased: false, walTruncated: true });

    const bytes = personalDataBytes();
    expect([wrapped, RECORD.identityDocument.number, RECORD.phone, 'of hh-gone'].filter((v) => bytes.includes(v))).toEqual([]);
    // The erasure emptied the WAL and left it, with its index, to the service that still has the file open.
    expect(readdirSync(dirname(setup.path)).sort()).toEqual(['personal-data.db', 'personal-data.db-shm', 'personal-data.db-wal']);
    const refused = await server.request('GET', path('hh-gone', '?purpose=after%20the%20erasure'), { token: TOKENS.registrar });
    expect([refused.status, refused.body.code]).toEqual([410, 'HOUSEHOLD_ERASED']);
    expect((await server.request('GET', path('hh-kept', '?purpose=still%20there'), { token: TOKENS.registrar })).body.record.fullName).toBe(`${RECORD.fullName} of hh-kept`);
    const log = await server.request('GET', '/api/personal-data/access-log?householdId=hh-gone', { token: TOKENS.auditor });
    expect(log.body.verification.ok).toBe(true);
    expect((log.body.entries as { actor: string; action: string; outcome: string }[]).map((e) => `${e.actor} ${e.action}:${e.outcome}`)).toEqual([
      'registrar-li write:written', 'registrar-li read:found', 'operator-1 erase:erased', 'registrar-li read:erased',
    ]);
  });

  it("an erasure over HTTP under another process's read snapshot (walTruncated: false) leaves no trace of the household's key once the reader has gone and the service goes on", async () => {
    const wrapped = wrappedKeyOf('hh-kept');
    // Another process (a backup, an auditor's `hearth personal-data log`) holds a read snapshot until its stdin closes.
    const script = `const db = new (require('better-sqlite3'))(process.argv[1]); db.prepare('BEGIN').run(); db.prepare('SELECT count(*) FROM access_log').get(); process.stdout.write('ready'); process.stdin.resume(); process.stdin.on('end', () => { db.prepare('COMMIT').run(); db.close(); });`;
    const reader = spawn(process.execPath, ['-e', script, setup.path], { cwd: __dirname, stdio: ['pipe', 'pipe', 'inherit'] });
    const gone = new Promise((resolve) => reader.on('close', resolve));
    await new Promise((resolve) => reader.stdout.once('data', resolve));
    const erased = await server.request('DELETE', '/api/households/hh-kept/personal-data?purpose=the%20household%20asked%20to%20be%20forgotten', { token: TOKENS.registrar });
    expect(erased.body).toMatchObject({ householdId: 'hh-kept', membersErased: 1, walTruncated: false });
    reader.stdin.end();
    expect(await gone).toBe(0);
    // The service goes on: the registrar reads and writes another household's details.
    for (let i = 0; i < 20; i++) expect((await server.request('GET', path('hh-read', '?purpose=a%20visit'), { token: TOKENS.registrar })).status).toBe(200);
    expect((await server.request('PUT', path('hh-read'), { token: TOKENS.registrar, json: RECORD })).status).toBe(200);
    // As it should be: the erasure's promise kept once the reader has gone (docs/personal-data.md: "the WAL is checkpointed and truncated").
    expect({ wrappedKeyOnDisk: personalDataBytes().includes(wrapped) }).toEqual({ wrappedKeyOnDisk: false });
  });
});
