import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { journey } from './support/journey';
import { personalDataSetup } from './support/personal-data';
import { captureOutput, filesUnder, holds, whereKept } from './support/personal-data-leak';
import { Answer, Server, startServer } from './support/server';
import { TOKENS, WILLOW } from './support/tokens';

/**
 * Where a member's personal values could outlive their erasure, through the real server on
 * real SQLite files (the ledger, the read models' own file, the personal-data file): each
 * value is sent one way — a record to the registrar's routes, or by mistake into the ledger's
 * side — and then looked for, as raw bytes of every file after the server closed them, in
 * everything the service logged, and in its answers. One distinctive value per way in, so a
 * value found says which way it came.
 */
const RECORD = { fullName: 'Wen Lihua-7Q', identityDocument: { kind: 'resident-identity-card', number: 'ID-559-XYZ' }, phone: '+86 139 5550 7788', address: '17 Plum Lane, Willow Village' };
const RECORD_VALUES = { fullName: RECORD.fullName, number: RECORD.identityDocument.number, phone: RECORD.phone, address: RECORD.address };
/** What domain.md §1.4 forbids anywhere, sent to the registrar's route as a field of its own. */
const A_FORBIDDEN_ATTRIBUTE = 'Buddhist-R1';
/** A name a caseworker typed in a free-text field of a command (an employer, a visit's findings). */
const IN_A_NOTE = 'Gao Meilin-4N';
/** Values in commands the codec refuses: a name in a boolean, in an unknown field, as an unknown field's key. */
const IN_A_WRONG_FIELD = 'Lu Jian-C5';
const IN_AN_UNKNOWN_FIELD = 'Qiu Fang-U3';
const AS_AN_UNKNOWN_KEY = 'Shen Dan-K8';
/** A name in a batch sent with an Idempotency-Key (decision 158), and a key made of a name. */
const IN_A_KEYED_BATCH = 'Zhao Min-B6';
const IDEMPOTENCY_KEY = 'key-of-Zhao-Min-I9';
/** A name typed into a URL: a query parameter, a path segment. */
const IN_A_QUERY = 'Hu Yan-Q4';
const IN_A_PATH = 'Hu-Yan-P2';
/** A purpose that names the member (docs/personal-data.md: "it must not itself hold personal values"). */
const IN_A_PURPOSE = 'caller Ma Li-P7 asked for her number';

/** The values sent by mistake that the ledger refused, and the Idempotency-Key. */
const MISTAKEN_VALUES = { A_FORBIDDEN_ATTRIBUTE, IN_A_WRONG_FIELD, IN_AN_UNKNOWN_FIELD, AS_AN_UNKNOWN_KEY, IN_A_KEYED_BATCH, IDEMPOTENCY_KEY };

const household = 'hh-leak';
const member = `${household}-a`;
const memberPath = `/api/households/${household}/members/${member}/personal-data`;

describe('personal values sent to the service, and where they are kept afterwards', () => {
  const setup = personalDataSetup();
  const readModelsDir = mkdtempSync(join(tmpdir(), 'hearth-leak-rm-'));
  let server: Server;
  let logged = '';
  const answers: Record<string, Answer> = {};
  let files: string[] = [];
  /** What the files held while the service still ran, after the erasure: WALs included. */
  let whileRunning: { files: string[]; kept: Record<string, string[]> } = { files: [], kept: {} };
  let accessLog: { purpose: string; action: string; outcome: string }[] = [];

  beforeAll(async () => {
    const output = captureOutput();
    try {
      server = await startServer({ personalData: setup.options, readModels: `sqlite:${join(readModelsDir, 'read-models.db')}`, logger: ['log', 'warn', 'error'] });
      const as = (token: string) => ({ token });
      const steps = journey(household, WILLOW).map((c) =>
        c.type === 'ReferToJob' || c.type === 'RecordEmployment' ? { ...c, employer: `Tailoring of ${IN_A_NOTE}` } : c.type === 'RecordFollowUp' ? { ...c, findings: `${IN_A_NOTE} is paid on time` } : c,
      );
      for (const command of steps) expect((await server.request('POST', '/api/commands', { ...as(TOKENS.willow), json: command })).status).toBe(201);
      const followUp = { type: 'RecordFollowUp', householdId: household, on: '2016-10-30', visitId: 'v-2', findings: 'fine', stillEmployed: true, laborConcerns: [] };

      answers['put'] = await server.request('PUT', memberPath, { ...as(TOKENS.registrar), json: RECORD });
      answers['religion'] = await server.request('PUT', memberPath, { ...as(TOKENS.registrar), json: { fullName: RECORD.fullName, religion: A_FORBIDDEN_ATTRIBUTE } });
      answers['tooLong'] = await server.request('PUT', memberPath, { ...as(TOKENS.registrar), json: { ...RECORD, address: `${RECORD.address} ${'x'.repeat(500)}` } });
      answers['read'] = await server.request('GET', `${memberPath}?purpose=${encodeURIComponent(IN_A_PURPOSE)}`, as(TOKENS.registrar));
      answers['wrongField'] = await server.request('POST', '/api/commands', { ...as(TOKENS.willow), json: { ...followUp, stillEmployed: IN_A_WRONG_FIELD } });
      answers['unknownField'] = await server.request('POST', '/api/commands', { ...as(TOKENS.willow), json: { ...followUp, contactName: IN_AN_UNKNOWN_FIELD } });
      answers['unknownKey'] = await server.request('POST', '/api/commands', { ...as(TOKENS.willow), json: { ...followUp, [AS_AN_UNKNOWN_KEY]: true } });
      const batch = [{ ...followUp, visitId: 'v-3', stillEmployed: IN_A_KEYED_BATCH }, { ...followUp, visitId: 'v-4' }];
      const keyed = { ...as(TOKENS.willow), json: batch, headers: { 'idempotency-key': IDEMPOTENCY_KEY } };
      answers['batch'] = await server.request('POST', '/api/commands/batch', keyed);
      answers['batchAgain'] = await server.request('POST', '/api/commands/batch', keyed);
      answers['query'] = await server.request('GET', `/api/reports/backlog?asOf=${encodeURIComponent(IN_A_QUERY)}`, as(TOKENS.auditor));
      answers['path'] = await server.request('GET', `/api/households/${IN_A_PATH}`, as(TOKENS.auditor));
      answers['history'] = await server.request('GET', `/api/households/${household}`, as(TOKENS.willow));
      answers['erase'] = await server.request('DELETE', `/api/households/${household}/personal-data?purpose=${encodeURIComponent('the household asked to be forgotten')}`, as(TOKENS.registrar));
      answers['afterErasure'] = await server.request('PUT', memberPath, { ...as(TOKENS.registrar), json: RECORD });
      const log = await server.request('GET', `/api/personal-data/access-log?householdId=${household}`, as(TOKENS.auditor));
      accessLog = log.body.entries;
      answers['accessLog'] = log;
      const running = [dirname(server.storePath), readModelsDir, dirname(setup.path)].flatMap(filesUnder);
      whileRunning = { files: running.map((f) => basename(f)), kept: whereKept(running, { ...RECORD_VALUES, ...MISTAKEN_VALUES }, basename) };
      await server.stop();
    } finally {
      logged = output.text();
      output.restore();
    }
    files = [dirname(server.storePath), readModelsDir, dirname(setup.path)].flatMap(filesUnder);
  });

  afterAll(async () => {
    await server.close();
    setup.cleanup();
    rmSync(readModelsDir, { recursive: true, force: true });
  });

  const kept = (values: Record<string, string>) => whereKept(files, values, basename);

  it('took everything it was sent as the caller meant: the record written, read and erased; the mistaken commands refused; the batch replayed', () => {
    expect([answers['put']?.status, answers['read']?.body.record, answers['erase']?.body.membersErased]).toEqual([200, RECORD, 1]);
    expect(['wrongField', 'unknownField', 'unknownKey'].map((k) => [k, answers[k]?.status, answers[k]?.body.code])).toEqual([
      ['wrongField', 400, 'INVALID_COMMAND'], ['unknownField', 400, 'INVALID_COMMAND'], ['unknownKey', 400, 'INVALID_COMMAND'],
    ]);
    expect((answers['batch']?.body as { status: number }[]).map((i) => i.status)).toEqual([400, 201]);
    expect(answers['batchAgain']?.text).toBe(answers['batch']?.text);
    expect([answers['query']?.status, answers['path']?.status]).toEqual([400, 404]);
    // The scan reads every file the service wrote: the ledger's, the read models' and the personal-data file.
    expect(files.map((f) => basename(f))).toEqual(expect.arrayContaining(['hearth.db', 'read-models.db', 'personal-data.db']));
  });

  it('keeps no value of the erased record, nor of a refused command, in any file: the ledger, the read models, the personal-data file and their WALs', () => {
    expect(whileRunning.files).toEqual(expect.arrayContaining(['hearth.db-wal', 'read-models.db-wal', 'personal-data.db-wal']));
    expect(whileRunning.kept).toEqual({ fullName: [], number: [], phone: [], address: [], A_FORBIDDEN_ATTRIBUTE: [], IN_A_WRONG_FIELD: [], IN_AN_UNKNOWN_FIELD: [], AS_AN_UNKNOWN_KEY: [], IN_A_KEYED_BATCH: [], IDEMPOTENCY_KEY: [] });
    expect(kept(RECORD_VALUES)).toEqual({ fullName: [], number: [], phone: [], address: [] });
  });

  it("keeps a name typed in a free-text field in the ledger's log, and there only: the known limit, a note is recorded as written", () => {
    // The read models keep no free text; the household's history is read from the log.
    expect(kept({ note: IN_A_NOTE }).note).toEqual(['hearth.db']);
    expect(answers['history']?.text).toContain(IN_A_NOTE);
  });

  it('keeps nothing of a command the codec refused, nor of a keyed batch or its key, in any file', () => {
    // The keyed batch's answer is in the ledger (decision 158), its refused item as null: the scan would see a value in it.
    expect(kept({ record: 'BatchAnswered' }).record).toEqual(['hearth.db']);
    expect(kept(MISTAKEN_VALUES)).toEqual({
      A_FORBIDDEN_ATTRIBUTE: [], IN_A_WRONG_FIELD: [], IN_AN_UNKNOWN_FIELD: [], AS_AN_UNKNOWN_KEY: [], IN_A_KEYED_BATCH: [], IDEMPOTENCY_KEY: [],
    });
  });

  it("refuses a record with a forbidden field, a value too long, or of an erased household, in answers that quote none of its values", () => {
    expect(['religion', 'tooLong', 'afterErasure'].map((k) => [k, answers[k]?.status, answers[k]?.body.code, answers[k]?.body.field])).toEqual([
      ['religion', 400, 'INVALID_RECORD', 'religion'], ['tooLong', 400, 'INVALID_RECORD', 'address'], ['afterErasure', 410, 'HOUSEHOLD_ERASED', undefined],
    ]);
    const values = { ...RECORD_VALUES, A_FORBIDDEN_ATTRIBUTE };
    for (const k of ['religion', 'tooLong', 'afterErasure', 'erase', 'accessLog']) expect([k, Object.values(values).filter((v) => holds(answers[k]?.text ?? '', v))]).toEqual([k, []]);
  });

  it("tells the caller which value the codec refused, quoting it, but not a value it never looked at", () => {
    expect(holds(answers['wrongField']?.text ?? '', IN_A_WRONG_FIELD)).toBe(true);
    expect(holds(answers['unknownKey']?.text ?? '', AS_AN_UNKNOWN_KEY)).toBe(true);
    expect(holds(answers['unknownField']?.text ?? '', IN_AN_UNKNOWN_FIELD)).toBe(false);
    // The replay makes the codec's words again from the same body (decision 158): the caller reads them twice.
    expect(holds(answers['batchAgain']?.text ?? '', IN_A_KEYED_BATCH)).toBe(true);
  });

  it('logs no value of the record, of a refused command, of a batch or of its key', () => {
    expect(logged).toMatch(/PUT \/api\/households\/hh-leak\/members\/hh-leak-a\/personal-data 200/);
    const values = { ...RECORD_VALUES, IN_A_NOTE, ...MISTAKEN_VALUES };
    expect(Object.entries(values).filter(([, v]) => holds(logged, v)).map(([k]) => k)).toEqual([]);
  });

  it("logs a URL's path as sent, and of its query neither a purpose's words nor a value that is not a code (decision 191)", () => {
    expect([IN_A_QUERY, IN_A_PATH, IN_A_PURPOSE].filter((v) => holds(logged, v))).toEqual([IN_A_PATH]);
    expect(logged).toMatch(/GET \/api\/households\/hh-leak\/members\/hh-leak-a\/personal-data\?purpose=… 200 /);
    expect(logged).toMatch(/GET \/api\/reports\/backlog\?asOf=… 400 /);
  });

  it('keeps a purpose as written in the access log, after the erasure too: a name in it is not erased', () => {
    expect(accessLog.map((e) => `${e.action}:${e.outcome}`)).toEqual(['write:written', 'read:found', 'erase:erased']);
    expect(accessLog[1]?.purpose).toBe(IN_A_PURPOSE);
    expect(kept({ IN_A_PURPOSE }).IN_A_PURPOSE).toEqual(['personal-data.db']);
  });
});
