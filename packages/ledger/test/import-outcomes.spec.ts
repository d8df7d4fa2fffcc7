import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { type EventStore, GENESIS_HASH, uuidV7 } from '@hearth/event-store';
import { CODEC_REFUSAL_KEPT, ImportStoppedError, importCommands, Ledger, SCHEMA_VERSION } from '../src';
import { checkpointAppend } from '../src/import/import-checkpoint';
import { kept } from '../src/import/rejected-line';
import { oneVillage, registerLine } from './support/one-village';
import { diskFull, writeSessionsWhere } from './support/write-sessions';


describe('import outcomes', () => {
  let dir: string;
  let ledger: Ledger;
  const storeUrl = () => `sqlite:${join(dir, 'h.db')}`;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-import-'));
    ledger = await Ledger.open({ storeUrl: storeUrl(), policy: referencePolicy });
    await ledger.recordDivisionTree(oneVillage, '2016-01-01');
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('skips a byte-order mark, ends lines only at LF or CRLF, and lists rejections in line order', async () => {
    const file = join(dir, 'log.jsonl');
    const lines = [registerLine('h1'), registerLine('h1', '2016-02-01'), '{"type":"Clear\rHousehold"}', registerLine('h2'), 'nope'];
    writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
    const s = await importCommands(ledger, { source: file, batchSize: 10 });
    expect(s.accepted).toBe(2);
    expect(s.rejected.map((r) => [r.line, r.code])).toEqual([[2, 'ALREADY_REGISTERED'], [3, 'INVALID_COMMAND'], [5, 'INVALID_COMMAND']]);
  });

  it('a rerun of a finished file reports the rejections of earlier runs', async () => {
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, [registerLine('h1'), 'nope', registerLine('h1', '2016-02-01'), registerLine('h2')].join('\n'));
    const first = await importCommands(ledger, { source: file, batchSize: 2 });
    expect(first.rejected.map((r) => r.line)).toEqual([2, 3]);
    const again = await importCommands(ledger, { source: file });
    expect(again).toMatchObject({ accepted: 0, rejected: [], skipped: 4, resumedAfterLine: 4 });
    expect(again.earlierRejected).toEqual(first.rejected.map(kept));
    expect(again.earlierRejected[0]).toEqual({ line: 2, householdId: null, type: null, code: 'INVALID_COMMAND', message: CODEC_REFUSAL_KEPT });
  });

  it('keeps nothing of a refused line\'s values in the log: a name typed in the wrong field is in the run\'s summary, not in its checkpoint (decision 159)', async () => {
    const file = join(dir, 'log.jsonl');
    const misplaced = JSON.stringify({ type: 'RegisterHousehold', householdId: 'h1', on: '2016-01-10', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 'Zhang Wei' }] });
    const noJson = '{"type": "RegisterHousehold", "householdId": "h2", "on": "2016-01-10", "divisionCode": "V1", "members": [Li Na]}';
    const asId = JSON.stringify({ type: 'Zhang Wei', householdId: 'Li Na 110101199003077777', on: '2016-01-10' });
    writeFileSync(file, [misplaced, noJson, asId, registerLine('h3')].join('\n'));
    const first = await importCommands(ledger, { source: file });
    expect(first.rejected.map((r) => r.code)).toEqual(['INVALID_COMMAND', 'INVALID_COMMAND', 'INVALID_COMMAND']);
    expect(first.rejected[0]?.message).toContain('Zhang Wei'); // said to whoever ran the import, once
    const log = JSON.stringify(await ledger.store.readAll());
    for (const value of ['Zhang Wei', 'Li Na', '110101199003077777']) expect(log).not.toContain(value);
    const again = await importCommands(ledger, { source: file });
    expect(again.earlierRejected.map((r) => [r.line, r.householdId, r.type, r.message])).toEqual([
      [1, 'h1', 'RegisterHousehold', CODEC_REFUSAL_KEPT],
      [2, null, null, CODEC_REFUSAL_KEPT],
      [3, null, null, CODEC_REFUSAL_KEPT],
    ]);
  });

  it('keeps nothing in the log of what a refused correction was sent: a key the event does not have, a value its codec refuses (decision 215)', async () => {
    const first = join(dir, 'first.jsonl');
    writeFileSync(first, registerLine('h1'));
    await importCommands(ledger, { source: first });
    const registration = (await ledger.store.readStream('household-h1'))[0]?.eventId as string;
    const correct = (correction: object) => JSON.stringify({ type: 'CorrectEvent', householdId: 'h1', on: '2016-02-01', eventId: registration, correction, reason: 'typo' });
    const file = join(dir, 'corrections.jsonl');
    writeFileSync(file, [correct({ 'Zhang Wei, ID 110101199003071234': 1 }), correct({ divisionCode: 'Li Na 110101199003077777' })].join('\n'));
    const run = await importCommands(ledger, { source: file });
    expect(run.rejected.map((r) => [r.code, r.fields?.map((f) => f.path)])).toEqual([['INVALID_CORRECTION', ['correction']], ['INVALID_CORRECTION', ['correction.divisionCode']]]);
    const log = JSON.stringify(await ledger.store.readAll());
    expect(log).toContain('INVALID_CORRECTION'); // the checkpoint keeps the rejections…
    for (const value of ['Zhang Wei', 'Li Na', '110101199003071234', '110101199003077777']) expect(log).not.toContain(value); // …and nothing refused
  });

  it('a line the ledger refuses names its field in the summary and, kept by its checkpoint, in a rerun\'s earlierRejected (decisions 148, 160)', async () => {
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, [registerLine('h1'), registerLine('h1', '2016-02-01'), JSON.stringify({ type: 'IdentifyHousehold', householdId: 'h1', on: '2016-01-05' })].join('\n'));
    const first = await importCommands(ledger, { source: file });
    expect(first.rejected.map((r) => [r.code, r.fields?.map((f) => f.path)])).toEqual([['ALREADY_REGISTERED', ['householdId']], ['BACKDATED', ['on']]]);
    const again = await importCommands(ledger, { source: file });
    expect(again.earlierRejected).toEqual(first.rejected);
    expect(again.earlierRejected.map((r) => r.fields?.map((f) => f.path))).toEqual([['householdId'], ['on']]);
  });

  it('still reads a checkpoint written before decision 160, which kept no fields: its rejections are listed as kept, without them', async () => {
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, [registerLine('h1'), registerLine('h1', '2016-02-01'), registerLine('h2')].join('\n'));
    // What an earlier release's first run of the file through line 2 stored: the rejection as it kept it then.
    const keptBefore160 = { line: 2, householdId: 'h1', type: 'RegisterHousehold', code: 'ALREADY_REGISTERED', message: 'household h1 is already registered' };
    const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
    const now = '2016-02-02T10:00:00.000Z';
    const { append } = checkpointAppend(sha256, { throughLine: 0, version: -1, lastHash: GENESIS_HASH }, 2, [keptBefore160], {
      eventId: uuidV7(), recordedAt: now, actor: 'importer', occurredOn: now.slice(0, 10), schemaVersion: SCHEMA_VERSION, file,
    });
    await ledger.store.appendBatch([append]);
    const rerun = await importCommands(ledger, { source: file });
    expect(rerun).toMatchObject({ resumedAfterLine: 2, skipped: 2, accepted: 1, rejected: [] });
    expect(rerun.earlierRejected).toEqual([keptBefore160]);
  });

  it('a run that resumes reports the rejections committed before the interruption as earlier ones', async () => {
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, [registerLine('h1'), 'nope', registerLine('h2'), registerLine('h3')].join('\n'));
    // A batch is written in one write session (SQLite): the second one fails.
    writeSessionsWhere(ledger.store, 'household-h1', (call) => (call === 2 ? diskFull() : 'write'));
    const stopped = await importCommands(ledger, { source: file, batchSize: 3 }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(ImportStoppedError);
    const e = stopped as ImportStoppedError;
    expect(e.reason).toBe('store-failure');
    expect(e.committedThroughLine).toBe(3);
    expect(e.summary).toMatchObject({ accepted: 2, rejected: [{ line: 2, code: 'INVALID_COMMAND' }] });
    expect((e.cause as { code: string }).code).toBe('SQLITE_FULL');
    jest.restoreAllMocks();
    const rerun = await importCommands(ledger, { source: file, batchSize: 3 });
    expect(rerun).toMatchObject({ accepted: 1, rejected: [], resumedAfterLine: 3, earlierRejected: [{ line: 2, code: 'INVALID_COMMAND' }] });
  });

  it('a batch that lost its races to another writer keeps the lines the ledger refused in it: a rerun lists them as earlier ones', async () => {
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, [registerLine('h1'), registerLine('h3'), registerLine('h2'), registerLine('h1', '2016-02-01'), registerLine('h4')].join('\n'));
    // The second batch (lines 3-4) loses every attempt on h2's stream to another writer; the store keeps nothing of it.
    writeSessionsWhere(ledger.store, 'household-h2', (call) => (call >= 2 && call <= 1 + 6 ? 'lose' : 'write'));
    const first = await importCommands(ledger, { source: file, batchSize: 2 });
    jest.restoreAllMocks();
    expect(first.rejected.map((r) => [r.line, r.code])).toEqual([[3, 'CONCURRENCY_CONFLICT'], [4, 'ALREADY_REGISTERED']]);
    const again = await importCommands(ledger, { source: file });
    expect(again).toMatchObject({ accepted: 0, skipped: 5 });
    expect(again.earlierRejected.map((r) => [r.line, r.code])).toEqual([[3, 'CONCURRENCY_CONFLICT'], [4, 'ALREADY_REGISTERED']]);
  });

  it('an import stopped after a batch that lost its races lists none of that batch\'s lines, which no checkpoint kept: a rerun decides them', async () => {
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, [registerLine('h1'), registerLine('h3'), registerLine('h2'), registerLine('h1', '2016-02-01'), registerLine('h4')].join('\n'));
    // The second batch (lines 3-4) loses every attempt on h2's stream; the third (line 5) meets a full disk.
    writeSessionsWhere(ledger.store, 'household-h2', (call) => (call === 1 ? 'write' : call <= 1 + 6 ? 'lose' : diskFull()));
    const e = (await importCommands(ledger, { source: file, batchSize: 2 }).catch((x: unknown) => x)) as ImportStoppedError;
    jest.restoreAllMocks();
    expect(e).toBeInstanceOf(ImportStoppedError);
    expect(e).toMatchObject({ reason: 'store-failure', committedThroughLine: 2, summary: { accepted: 2, rejected: [] } });
    const rerun = await importCommands(ledger, { source: file, batchSize: 2 });
    expect(rerun).toMatchObject({ accepted: 2, resumedAfterLine: 2, earlierRejected: [] });
    expect(rerun.rejected.map((r) => [r.line, r.code])).toEqual([[4, 'ALREADY_REGISTERED']]);
  });

  it('a last batch that lost its races is kept by a checkpoint of its own: the run and a rerun list the same lines', async () => {
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, [registerLine('h1'), registerLine('h3'), registerLine('h2'), registerLine('h1', '2016-02-01'), registerLine('h4')].join('\n'));
    // The last batch (line 5, short) loses every attempt on h4's stream.
    writeSessionsWhere(ledger.store, 'household-h4', (call) => (call >= 3 && call <= 2 + 6 ? 'lose' : 'write'));
    const first = await importCommands(ledger, { source: file, batchSize: 2 });
    jest.restoreAllMocks();
    expect(first.rejected.map((r) => [r.line, r.code])).toEqual([[4, 'ALREADY_REGISTERED'], [5, 'CONCURRENCY_CONFLICT']]);
    const again = await importCommands(ledger, { source: file });
    expect(again).toMatchObject({ accepted: 0, skipped: 5, resumedAfterLine: 5 });
    expect(again.earlierRejected.map((r) => [r.line, r.code])).toEqual([[4, 'ALREADY_REGISTERED'], [5, 'CONCURRENCY_CONFLICT']]);
  });

  it('two overlapping exports without commandIds append each survey and income once', async () => {
    const member = { memberId: 'm1', health: 'healthy', laborCapacity: 'full', education: 'primary', skills: [], languages: [], wantsWork: true, preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [] };
    const survey = JSON.stringify({ type: 'SurveyHousehold', householdId: 'h1', on: '2016-02-01', householdSize: 1, povertyCauses: ['illness'], members: [member] });
    const job = JSON.stringify({ type: 'RecordEmployment', householdId: 'h1', on: '2016-03-01', employmentId: 'e1', memberId: 'm1', form: 'flexible', place: 'local', monthlyIncome: 2000, contractSigned: true });
    const income = (amount: number) => JSON.stringify({ type: 'RecordIncome', householdId: 'h1', on: '2016-04-01', employmentId: 'e1', month: '2016-03', amount });
    const first = join(dir, 'export-1.jsonl');
    const second = join(dir, 'export-2.jsonl');
    writeFileSync(first, [registerLine('h1'), survey, job, income(1999.5)].join('\n'));
    writeFileSync(second, [survey, job, income(1999.5), income(2100)].join('\n'));
    expect(await importCommands(ledger, { source: first })).toMatchObject({ accepted: 4, rejected: [] });
    const overlap = await importCommands(ledger, { source: second });
    expect(overlap).toMatchObject({ accepted: 0, unchanged: 3 });
    expect(overlap.rejected.map((r) => [r.line, r.code])).toEqual([[4, 'INCOME_ALREADY_RECORDED']]);
    expect((await ledger.store.readStream('household-h1')).map((e) => e.type)).toEqual(['HouseholdRegistered', 'HouseholdSurveyed', 'MemberEmployed', 'IncomeRecorded']);
  });

  it('of two imports of one file at once, the one that loses the checkpoint stops with what it committed', async () => {
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, [registerLine('h1'), registerLine('h2'), registerLine('h3'), registerLine('h4')].join('\n'));
    const other = await Ledger.open({ storeUrl: storeUrl(), policy: referencePolicy });
    const session = ledger.store.writeSession!.bind(ledger.store);
    let calls = 0;
    jest.spyOn(ledger.store as Required<EventStore>, 'writeSession').mockImplementation(async (work) => {
      calls += 1;
      if (calls === 2) expect(await importCommands(other, { source: file, batchSize: 2 })).toMatchObject({ accepted: 2, resumedAfterLine: 2 });
      return session(work);
    });
    try {
      const stopped = await importCommands(ledger, { source: file, batchSize: 2 }).catch((e: unknown) => e);
      expect(stopped).toBeInstanceOf(ImportStoppedError);
      expect(stopped).toMatchObject({ reason: 'concurrent-import', committedThroughLine: 2, summary: { accepted: 2, rejected: [] } });
      // In the words hearth import prints (import-stop-message.ts), naming the file.
      expect((stopped as Error).message).toBe(`another import of ${file} committed meanwhile, so this one stopped; lines up to 2 are committed. When the other import has finished, run the same import again: it resumes after line 2`);
    } finally {
      jest.restoreAllMocks();
      await other.close();
    }
  });
  it('decides each batch at the time it is recorded: a long import follows the clock past midnight (decision 135)', async () => {
    let day = '2016-01-10';
    const clocked = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'clocked.db')}`, policy: referencePolicy, now: () => `${day}T23:59:00.000Z` });
    try {
      await clocked.recordDivisionTree(oneVillage, '2016-01-01');
      const file = join(dir, 'log.jsonl');
      // Dated 12 January: one day too late on the 10th, the day after the date on the 11th.
      writeFileSync(file, [registerLine('h1'), registerLine('h2', '2016-01-12'), registerLine('h3'), registerLine('h4', '2016-01-12')].join('\n'));
      const s = await importCommands(clocked, { source: file, batchSize: 2, onProgress: () => { day = '2016-01-11'; } });
      expect(s.rejected.map((r) => [r.line, r.code])).toEqual([[2, 'INVALID_COMMAND']]);
      expect(s.accepted).toBe(3);
      const recorded = (await clocked.store.readStream('household-h4'))[0]?.metadata.recordedAt;
      expect(recorded).toBe('2016-01-11T23:59:00.000Z');
    } finally {
      await clocked.close();
    }
  });
});
