import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { writeMasterKeyFile } from '@hearth/personal-data';
import { householdKeyOf } from '@hearth/personal-data/testing';
import { HEARTH_BIN } from './support/cli';
import { identified, journey } from './support/journey';
import { EXAMPLES } from './support/server';
import { TOKEN_ENTRIES, TOKENS, WILLOW } from './support/tokens';

/**
 * The erasure proof, through the real service executable (apps/api/bin/hearth-api.js, what
 * `npm start` runs) with its logs written to files: personal data holding a distinctive
 * marker is written, read (logged) and erased; then every byte of every file Hearth wrote —
 * the ledger's database, WAL and journals, the personal-data file and its WAL (which holds
 * the access log), the service's logs — is searched for the marker and for the household's
 * key, in every encoding a key might be written in: absent. The household's history and
 * every report figure are identical before and after, and a read after erasure is refused.
 */
const SERVICE = resolve(__dirname, '../bin/hearth-api.js');
const MARKER = 'QXZ-ERASE-ME-7f3a9c-Zhu-Lingling';
const MASTER_KEY = Buffer.alloc(32, 0x7e);

const encodings = (secret: Buffer): Buffer[] => [secret, Buffer.from(secret.toString('hex')), Buffer.from(secret.toString('hex').toUpperCase()), Buffer.from(secret.toString('base64'))];
const textEncodings = (text: string): Buffer[] => [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le'), Buffer.from(JSON.stringify(text).slice(1, -1), 'utf8')];

/** Every regular file under `dir`, recursively. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));

/** The files (under `dirs`) holding any of `needles`, with the needle's index: [] when none. */
const filesHolding = (dirs: readonly string[], needles: readonly Buffer[]): string[] =>
  dirs.flatMap(filesUnder).flatMap((file) => {
    const bytes = readFileSync(file);
    return needles.flatMap((n, i) => (bytes.indexOf(n) !== -1 ? [`${file} holds needle ${i}`] : []));
  });

describe('erasure, proven on the bytes Hearth wrote', () => {
  const root = mkdtempSync(join(tmpdir(), 'hearth-erasure-'));
  const dataDir = join(root, 'data');
  const logDir = join(root, 'logs');
  const secretsDir = join(root, 'secrets'); // written by the operator (this test), not by Hearth
  const storePath = join(dataDir, 'hearth.db');
  const store = `sqlite:${storePath}`;
  const keyFile = join(secretsDir, 'master.key');
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> = Promise.resolve(0);
  let url = '';

  const request = async (method: string, path: string, token: string, json?: unknown): Promise<{ status: number; body: any }> => { // eslint-disable-line @typescript-eslint/no-explicit-any -- answers of many shapes
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
    return { status: res.status, body: await res.json() };
  };

  /** The household's history and every report figure an auditor and an analyst can ask for. */
  const everything = async (): Promise<Record<string, unknown>> => {
    const paths = ['/api/households/hh-erase', '/api/households/hh-keep', '/api/reports/clearance?year=2016', '/api/reports/clearance?year=2016&byChild=true&division=P01C01T01', '/api/reports/backlog?asOf=2016-12-31'];
    for (let m = 1; m <= 12; m++) {
      const month = `2016-${String(m).padStart(2, '0')}`;
      paths.push(`/api/reports/monthly?month=${month}`, `/api/reports/monthly?month=${month}&byChild=true&division=P01C01T01`, `/api/reports/progress?month=${month}`, `/api/reports/progress?month=${month}&byChild=true&division=P01C01T01`);
    }
    const answers: Record<string, unknown> = {};
    for (const path of paths) {
      const auditor = await request('GET', path, TOKENS.auditor);
      expect([path, auditor.status]).toEqual([path, 200]);
      answers[`auditor ${path}`] = auditor.body;
      if (path.startsWith('/api/reports')) answers[`analyst ${path}`] = (await request('GET', path, TOKENS.analyst)).body;
    }
    return answers;
  };

  beforeAll(async () => {
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(logDir);
    mkdirSync(secretsDir, { mode: 0o700 });
    writeMasterKeyFile(keyFile, MASTER_KEY);
    const tokensFile = join(secretsDir, 'tokens.json');
    writeFileSync(tokensFile, JSON.stringify(TOKEN_ENTRIES), { mode: 0o600 });
    const ledger = await Ledger.open({ storeUrl: store, policy: referencePolicy });
    const recorded = await ledger.recordDivisionTree(JSON.parse(readFileSync(join(EXAMPLES, 'divisions.json'), 'utf8')), '2016-01-01');
    if (recorded._tag === 'Left') throw new Error(JSON.stringify(recorded.left));
    await ledger.close();

    const out = openSync(join(logDir, 'service.out.log'), 'a');
    const err = openSync(join(logDir, 'service.err.log'), 'a');
    const env: NodeJS.ProcessEnv = { ...process.env, HEARTH_STORE: store, HEARTH_TOKENS: tokensFile, HEARTH_MASTER_KEY_FILE: keyFile, HOST: '127.0.0.1', PORT: '0' };
    for (const k of ['HEARTH_MASTER_KEY', 'HEARTH_PERSONAL_DATA']) delete env[k];
    child = spawn(process.execPath, [SERVICE], { cwd: root, env, stdio: ['ignore', out, err] });
    closeSync(out);
    closeSync(err);
    exited = new Promise((res) => child?.on('exit', (code) => res(code)));
    const logText = () => readFileSync(join(logDir, 'service.out.log'), 'utf8');
    url = await new Promise<string>((res, rej) => {
      const timer = setInterval(() => {
        const m = /Hearth is listening on (http:\/\/\S+)/.exec(logText());
        if (m && /Stop with Ctrl-C/.test(logText())) {
          clearInterval(timer);
          res((m[1] as string).replace('localhost', '127.0.0.1'));
        }
      }, 50);
      void exited.then((code) => {
        clearInterval(timer);
        rej(new Error(`the service exited with ${code}: ${readFileSync(join(logDir, 'service.err.log'), 'utf8')}`));
      });
    });
    for (const command of journey('hh-erase', WILLOW)) expect((await request('POST', '/api/commands', TOKENS.willow, command)).status).toBe(201);
    for (const command of identified('hh-keep', WILLOW)) expect((await request('POST', '/api/commands', TOKENS.willow, command)).status).toBe(201);
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('writes, reads (logged) and erases through the service; afterwards no file holds the marker or the key, and nothing else changed', async () => {
    const record = { fullName: `${MARKER} Sr`, identityDocument: { kind: 'resident-identity-card', number: `ID-${MARKER}` }, note: `note ${MARKER}` };
    const memberPath = '/api/households/hh-erase/members/hh-erase-a/personal-data';
    expect((await request('PUT', memberPath, TOKENS.registrar, record)).status).toBe(200);
    expect((await request('PUT', '/api/households/hh-keep/members/hh-keep-a/personal-data', TOKENS.registrar, { fullName: 'Kept Person' })).status).toBe(200);
    const read = await request('GET', `${memberPath}?purpose=confirm%20identity%20before%20erasure`, TOKENS.registrar);
    expect([read.status, read.body.record]).toEqual([200, record]);

    const before = await everything();
    const personalDataFile = join(dataDir, 'personal-data.db'); // the default: beside the store's file
    const key = householdKeyOf(personalDataFile, MASTER_KEY, 'hh-erase');
    if (key === undefined) throw new Error('no household key was stored');
    // The scan is able to see what it looks for: the wrapped key is in the files now.
    expect(filesHolding([dataDir], [key.wrapped]).length).toBeGreaterThan(0);
    const needles = [...textEncodings(MARKER), ...encodings(key.dataKey), ...encodings(key.wrapped)];

    const erased = await request('DELETE', '/api/households/hh-erase/personal-data?purpose=the%20household%20asked%20to%20be%20forgotten', TOKENS.registrar);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ householdId: 'hh-erase', membersErased: 1, alreadyErased: false, walTruncated: true });

    // A read after erasure is refused, by its own code, for the member and the household; so is a write.
    const refused = await request('GET', `${memberPath}?purpose=try%20again`, TOKENS.registrar);
    expect([refused.status, refused.body.code]).toEqual([410, 'HOUSEHOLD_ERASED']);
    expect((await request('GET', '/api/households/hh-erase/personal-data?purpose=try', TOKENS.registrar)).status).toBe(410);
    expect((await request('PUT', memberPath, TOKENS.registrar, record)).body.code).toBe('HOUSEHOLD_ERASED');
    expect(householdKeyOf(personalDataFile, MASTER_KEY, 'hh-erase')).toBeUndefined();
    // The other household's details are still there.
    expect((await request('GET', '/api/households/hh-keep/members/hh-keep-a/personal-data?purpose=check', TOKENS.registrar)).body.record).toEqual({ fullName: 'Kept Person' });

    // History and every report figure: identical.
    expect(await everything()).toEqual(before);
    // The access log saw the write, the read, the erasure and the refused read, with no personal value in it.
    const log = await request('GET', '/api/personal-data/access-log?householdId=hh-erase', TOKENS.auditor);
    expect(log.body.verification.ok).toBe(true);
    expect(log.body.entries.map((e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`)).toEqual(['write:written', 'read:found', 'erase:erased', 'read:erased', 'read:erased']);

    // While the service runs, and after it stops: no file Hearth wrote holds the marker or the key.
    expect(filesHolding([dataDir, logDir], needles)).toEqual([]);
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
    const written = [dataDir, logDir].flatMap(filesUnder);
    expect(written.map((f) => f.slice(root.length + 1)).sort()).toEqual(expect.arrayContaining(['data/hearth.db', 'data/personal-data.db', 'logs/service.out.log']));
    expect(filesHolding([dataDir, logDir], needles)).toEqual([]);
    // The request log did record the accesses (by path and purpose, never by value).
    expect(readFileSync(join(logDir, 'service.out.log'), 'utf8')).toMatch(/DELETE \/api\/households\/hh-erase\/personal-data\?purpose=\S+ 200/);

    // The ledger still verifies.
    const verify = spawnSync(process.execPath, [HEARTH_BIN, '--store', store, 'verify'], { encoding: 'utf8' });
    expect(verify.status).toBe(0);
  });
});
