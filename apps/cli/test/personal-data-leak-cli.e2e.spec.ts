import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PersonalDataStore, writeMasterKeyFile } from '@hearth/personal-data';
import { householdKeyOf } from '@hearth/personal-data/testing';
import { BIN, EXAMPLES, type CliRun, tempDir } from './support/cli';

/**
 * Where personal values put through the real `hearth` executable are kept afterwards: an
 * import file holding a name in a note (recorded by design), in a field of the wrong type,
 * in an unknown field, as an unknown key, around a line that is not JSON, and an identity
 * number as a household id; then a household's personal data erased with
 * `hearth personal-data erase`. Every file under the run's folder (the CLI runs there, so
 * a file it wrote in its working directory would be seen) is read raw, and every stdout
 * and stderr kept.
 */
const NOTE_NAME = 'Gao Meilin-4N';
const WRONG_FIELD_NAME = 'Lu Jian-C5';
const UNKNOWN_FIELD_PHONE = '+86 139 5550 7788';
const UNKNOWN_KEY_NAME = 'Shen Dan-K8';
const NOT_JSON_NAME = 'Hu Yan-J1';
const ID_NUMBER_AS_HOUSEHOLD = 'ID 559 XYZ';
const RECORD = { fullName: 'Wen Lihua-7Q', identityDocument: { kind: 'resident-identity-card', number: 'ID-559-XYZ' }, address: '17 Plum Lane, Willow Village' };
const MASTER_KEY = Buffer.alloc(32, 0x5d);

/** Every file under `dir`, recursively. */
const filesUnder = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
const spellings = (value: string | Buffer): Buffer[] =>
  Buffer.isBuffer(value) ? [value, Buffer.from(value.toString('hex')), Buffer.from(value.toString('base64'))] : [Buffer.from(value), Buffer.from(JSON.stringify(value).slice(1, -1)), Buffer.from(value, 'utf16le')];
const holds = (bytes: Buffer, value: string | Buffer): boolean => spellings(value).some((s) => bytes.indexOf(s) !== -1);

describe('personal values through the hearth command line, and where they are kept afterwards', () => {
  const { dir, cleanup } = tempDir();
  const data = join(dir, 'data');
  const store = `sqlite:${join(data, 'hearth.db')}`;
  const keyFile = join(dir, 'secrets', 'master.key');
  const importFile = join(dir, 'in', 'log.jsonl');
  const runs: Record<string, CliRun> = {};
  let wrappedKey: Buffer = Buffer.alloc(0);
  const hearth = (name: string, args: readonly string[]): CliRun => {
    const r = spawnSync(process.execPath, [BIN, '--store', store, ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, HEARTH_READ_MODELS: `sqlite:${join(data, 'read-models.db')}`, HEARTH_MASTER_KEY_FILE: keyFile, HEARTH_MASTER_KEY: '', HEARTH_PERSONAL_DATA: '' },
    });
    runs[name] = { code: r.status, stdout: r.stdout, stderr: r.stderr };
    return runs[name];
  };
  /** The files Hearth wrote (the input and the operator's key are the test's), each with the values it holds. */
  const kept = (values: Record<string, string | Buffer>): Record<string, string[]> => {
    const files = filesUnder(dir).filter((f) => !f.startsWith(join(dir, 'in')) && !f.startsWith(join(dir, 'secrets')));
    return Object.fromEntries(Object.entries(values).map(([label, v]) => [label, files.filter((f) => holds(readFileSync(f), v)).map((f) => relative(dir, f)).sort()]));
  };

  beforeAll(() => {
    mkdirSync(data);
    mkdirSync(join(dir, 'in'));
    mkdirSync(join(dir, 'secrets'), { mode: 0o700 });
    writeMasterKeyFile(keyFile, MASTER_KEY);
    expect(hearth('divisions', ['divisions', 'load', '--on', '2016-01-01', join(EXAMPLES, 'divisions.json')]).code).toBe(0);
    const journey = readFileSync(join(EXAMPLES, 'commands.jsonl'), 'utf8').trim().split('\n').slice(0, 4).map((l) => JSON.parse(l) as Record<string, unknown>);
    const apply = { ...journey[2], note: `signed by ${NOTE_NAME}` };
    const follow = { type: 'RejectApplication', householdId: 'hh-001', on: '2016-03-02' };
    writeFileSync(importFile, `${[
      ...[journey[0], journey[1], apply, journey[3]].map((c) => JSON.stringify(c)),
      JSON.stringify({ ...journey[0], householdId: 'hh-002', members: [{ memberId: 'hh-002-a', birthYear: WRONG_FIELD_NAME }] }),
      JSON.stringify({ ...follow, reason: 'r', contactPhone: UNKNOWN_FIELD_PHONE }),
      JSON.stringify({ ...follow, reason: 'r', [UNKNOWN_KEY_NAME]: 1 }),
      `{"type": "RejectApplication", "householdId": "hh-001", reason: ${NOT_JSON_NAME}}`,
      JSON.stringify({ ...follow, householdId: ID_NUMBER_AS_HOUSEHOLD, reason: 'r' }),
    ].join('\n')}\n`);
    hearth('import', ['--json', 'import', '--quiet', importFile]);
    hearth('rerun', ['--json', 'import', '--quiet', importFile]);
    hearth('history', ['--json', 'history', 'hh-001']);
    hearth('report', ['--json', 'report', 'monthly', '--month', '2016-04']);

    // The registrar's record, written through the store's own API (the CLI has no write), then erased by the CLI.
    const personalData = PersonalDataStore.open(join(data, 'personal-data.db'), MASTER_KEY);
    personalData.put('hh-001', 'hh-001-a', RECORD, { actor: 'registrar', purpose: 'record the member' });
    personalData.close();
    wrappedKey = householdKeyOf(join(data, 'personal-data.db'), MASTER_KEY, 'hh-001')?.wrapped ?? Buffer.alloc(0);
    hearth('erase', ['--json', 'personal-data', 'erase', 'hh-001', '--purpose', 'the household asked to be forgotten']);
    hearth('log', ['--json', 'personal-data', 'log', '--household', 'hh-001']);
  });
  afterAll(() => cleanup());

  it('imported the journey, refused the five mistaken lines (exit 3, again on the rerun) and erased the household', () => {
    expect([runs['import']?.code, runs['rerun']?.code, runs['report']?.code, runs['erase']?.code, runs['log']?.code]).toEqual([3, 3, 0, 0, 0]);
    expect((JSON.parse(runs['import']?.stdout ?? '{}').rejected as { line: number; code: string }[]).map((r) => `${r.line}:${r.code}`)).toEqual(['5:INVALID_COMMAND', '6:INVALID_COMMAND', '7:INVALID_COMMAND', '8:INVALID_COMMAND', '9:INVALID_COMMAND']);
    expect(JSON.parse(runs['erase']?.stdout ?? '{}')).toMatchObject({ householdId: 'hh-001', membersErased: 1, walTruncated: true });
    expect(wrappedKey.length).toBeGreaterThan(0);
  });

  it('keeps the name typed in a note in the ledger file, and there only: the known limit, a note is recorded as written', () => {
    expect(kept({ NOTE_NAME }).NOTE_NAME).toEqual(['data/hearth.db']);
    expect(runs['history']?.stdout).toContain(NOTE_NAME);
  });

  it("keeps nothing of a refused line's values in any file: not in the checkpoints, not in the read models (decision 159)", () => {
    // The checkpoints are there, with the fixed words in place of the refused lines' messages: the scan reads them.
    expect(kept({ checkpoint: 'ImportProgressed', words: 'which the checkpoint does not keep' })).toEqual({ checkpoint: ['data/hearth.db'], words: ['data/hearth.db'] });
    expect(kept({ WRONG_FIELD_NAME, UNKNOWN_FIELD_PHONE, UNKNOWN_KEY_NAME, NOT_JSON_NAME, ID_NUMBER_AS_HOUSEHOLD })).toEqual({
      WRONG_FIELD_NAME: [], UNKNOWN_FIELD_PHONE: [], UNKNOWN_KEY_NAME: [], NOT_JSON_NAME: [], ID_NUMBER_AS_HOUSEHOLD: [],
    });
  });

  it('tells the first run why each line was refused, quoting what the codec read; the rerun lists the lines without their values', () => {
    const first = `${runs['import']?.stdout}${runs['import']?.stderr}`;
    expect([WRONG_FIELD_NAME, UNKNOWN_KEY_NAME, ID_NUMBER_AS_HOUSEHOLD].filter((v) => first.includes(v))).toEqual([WRONG_FIELD_NAME, UNKNOWN_KEY_NAME, ID_NUMBER_AS_HOUSEHOLD]);
    const rerun = `${runs['rerun']?.stdout}${runs['rerun']?.stderr}`;
    expect(JSON.parse(runs['rerun']?.stdout ?? '{}').earlierRejected).toHaveLength(5);
    expect([WRONG_FIELD_NAME, UNKNOWN_FIELD_PHONE, UNKNOWN_KEY_NAME, NOT_JSON_NAME, ID_NUMBER_AS_HOUSEHOLD].filter((v) => rerun.includes(v))).toEqual([]);
  });

  it('after the erasure, no file holds a value of the record or its wrapped key; the erasure and the log print none', () => {
    const values = { fullName: RECORD.fullName, number: RECORD.identityDocument.number, address: RECORD.address, wrappedKey };
    expect(kept(values)).toEqual({ fullName: [], number: [], address: [], wrappedKey: [] });
    for (const run of ['erase', 'log']) {
      const said = Buffer.from(`${runs[run]?.stdout}${runs[run]?.stderr}`);
      expect([run, Object.values(values).filter((v) => holds(said, v))]).toEqual([run, []]);
    }
  });

  it('writes no file but the ledger, its read models and the personal-data file, wherever it runs', () => {
    const written = filesUnder(dir).filter((f) => !f.startsWith(join(dir, 'in')) && !f.startsWith(join(dir, 'secrets')));
    // `personal-data log` opens the file read-only, and a read-only connection leaves the WAL (empty) and its index behind.
    expect(written.map((f) => `${relative(dir, f)}${f.endsWith('-wal') ? ` ${readFileSync(f).length} bytes` : ''}`).sort()).toEqual([
      'data/hearth.db', 'data/personal-data.db', 'data/personal-data.db-shm', 'data/personal-data.db-wal 0 bytes', 'data/read-models.db',
    ]);
  });
});
