import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import type { AppendResult, EventStore, StreamAppend } from '@hearth/event-store';
import { describePartialBatch, ImportStoppedError, importCommands, Ledger } from '../src';
import { oneVillage, registerLine } from './support/one-village';

const survey = (id: string) =>
  JSON.stringify({
    type: 'SurveyHousehold', householdId: id, on: '2016-02-01', householdSize: 1, povertyCauses: ['illness'],
    members: [{ memberId: 'm1', health: 'healthy', laborCapacity: 'full', education: 'primary', skills: [], languages: [], wantsWork: true, preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [] }],
  });

/**
 * Lines 1–3 a first batch; in the second (lines 4–6) line 4 is rightly refused (h7 is not
 * registered yet) and line 5 registers h7: a run that decided line 4 again after line 5
 * was stored would accept it, and end with another log than an uninterrupted run.
 */
const LINES = [registerLine('h1'), registerLine('h2'), survey('h1'), survey('h7'), registerLine('h7'), registerLine('h8'), registerLine('h9')];

/**
 * The ledger's store made to behave like a store without atomic batches (EventStoreDB):
 * appends are written one by one, and the `failOn`-th call fails after its first append.
 */
const nonAtomic = (store: EventStore, failOn: number, onFail = () => undefined as void): { restore: () => void } => {
  const mutable = store as { atomicBatches: boolean };
  const original = store.appendBatch.bind(store);
  let calls = 0;
  const spy = jest.spyOn(store, 'appendBatch').mockImplementation(async (appends: readonly StreamAppend[]) => {
    calls += 1;
    const results: AppendResult[] = [];
    for (const [i, a] of appends.entries()) {
      if (calls === failOn && i === 1) {
        onFail();
        throw Object.assign(new Error('connection lost'), { code: 'UNAVAILABLE' });
      }
      results.push(...(await original([a])));
    }
    return results;
  });
  mutable.atomicBatches = false;
  // Nor write sessions: the batch handler then writes each batch with appendBatch.
  const sessions = store as { writeSession?: unknown };
  sessions.writeSession = undefined;
  return {
    restore: () => {
      spy.mockRestore();
      mutable.atomicBatches = true;
      delete sessions.writeSession;
    },
  };
};

const householdEvents = async (ledger: Ledger) =>
  (await ledger.store.readAll()).filter((e) => e.streamId.startsWith('household-')).map((e) => ({ streamId: e.streamId, version: e.streamVersion, type: e.type, data: e.data, commandId: e.metadata.commandId }));

describe('import on a store without atomic batches', () => {
  let dir: string;
  let file: string;
  const open = async (name: string): Promise<Ledger> => {
    const ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, name)}`, policy: referencePolicy });
    await ledger.recordDivisionTree(oneVillage, '2016-01-01');
    return ledger;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-partial-'));
    file = join(dir, 'log.jsonl');
    writeFileSync(file, `${LINES.join('\n')}\n`);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says which lines of a batch that failed part-way were stored, checkpoints up to the first that was not, and a rerun ends with the events of an uninterrupted run', async () => {
    const reference = await open('reference.db');
    const whole = await importCommands(reference, { source: file, batchSize: 3 });
    expect(whole.rejected.map((r) => [r.line, r.code])).toEqual([[4, 'UNKNOWN_HOUSEHOLD']]);
    const expected = await householdEvents(reference);
    await reference.close();

    const ledger = await open('h.db');
    try {
      const fault = nonAtomic(ledger.store, 2);
      const stopped = await importCommands(ledger, { source: file, batchSize: 3 }).catch((e: unknown) => e);
      fault.restore();
      expect(stopped).toBeInstanceOf(ImportStoppedError);
      const e = stopped as ImportStoppedError;
      expect(e.partial).toEqual({ fromLine: 4, throughLine: 6, storedLines: [5], notStoredLines: [6] });
      expect(e.committedThroughLine).toBe(5);
      expect(e.summary).toMatchObject({ accepted: 4, rejected: [{ line: 4, code: 'UNKNOWN_HOUSEHOLD' }] });
      expect(e.message).toContain('1 accepted line(s) of lines 4–6 were stored, up to line 5; 1 accepted line(s) from line 6 were not');
      expect((await ledger.store.readStream('household-h7')).map((x) => x.type)).toEqual(['HouseholdRegistered']);
      expect(await ledger.store.streamVersion('household-h8')).toBe(-1);

      const rerun = await importCommands(ledger, { source: file, batchSize: 3 });
      expect(rerun).toMatchObject({ accepted: 2, unchanged: 0, rejected: [], resumedAfterLine: 5, earlierRejected: [{ line: 4, code: 'UNKNOWN_HOUSEHOLD' }] });
      expect(await householdEvents(ledger)).toEqual(expected);
    } finally {
      await ledger.close();
    }
  });

  it('when the checkpoint cannot be moved past the settled lines either, lists no rejection a checkpoint did not keep, says so, and agrees with the rerun', async () => {
    const ledger = await open('h.db');
    try {
      const fault = nonAtomic(ledger.store, 2);
      // The fallback checkpoint through line 5 (appendToStream, after the failed appendBatch) fails too.
      const append = ledger.store.appendToStream.bind(ledger.store);
      jest.spyOn(ledger.store, 'appendToStream').mockImplementation(async (streamId, events, expected) => {
        if (streamId.startsWith('import-')) throw Object.assign(new Error('connection lost'), { code: 'UNAVAILABLE' });
        return append(streamId, events, expected);
      });
      const e = (await importCommands(ledger, { source: file, batchSize: 3 }).catch((x: unknown) => x)) as ImportStoppedError;
      fault.restore();
      jest.restoreAllMocks();
      expect(e).toBeInstanceOf(ImportStoppedError);
      expect(e.committedThroughLine).toBe(3);
      expect(e.partial).toMatchObject({ fromLine: 4, throughLine: 6, storedLines: [5], notStoredLines: [6] });
      // Line 4's rejection is kept by no checkpoint: it is not reported as if it were recorded. Line 5's events are.
      expect(e.summary).toMatchObject({ accepted: 4, rejected: [] });
      expect(e.partial?.checkpointFailed).toContain('connection lost');
      expect(e.message).toContain('the checkpoint could not be moved past line 5 (connection lost): lines 4–6 are decided again by a rerun');

      const rerun = await importCommands(ledger, { source: file, batchSize: 3 });
      expect(rerun).toMatchObject({ resumedAfterLine: 3, earlierRejected: [] });
      expect(rerun.unchanged).toBe(1);
    } finally {
      await ledger.close();
    }
  });

  it('says that it cannot tell what was stored when the store cannot be read back, and a rerun stores every line once', async () => {
    const ledger = await open('h.db');
    try {
      let failed = false;
      const fault = nonAtomic(ledger.store, 2, () => {
        failed = true;
      });
      const read = ledger.store.readStream.bind(ledger.store);
      // From the failure on, the store cannot be read back either.
      jest.spyOn(ledger.store, 'readStream').mockImplementation(async (streamId, opts) => {
        if (failed) throw new Error('still unavailable');
        return read(streamId, opts);
      });
      const stopping = importCommands(ledger, { source: file, batchSize: 3 }).catch((e: unknown) => e);
      const e = (await stopping) as ImportStoppedError;
      fault.restore();
      jest.restoreAllMocks();
      expect(e).toBeInstanceOf(ImportStoppedError);
      expect(e.partial).toMatchObject({ fromLine: 4, throughLine: 6, storedLines: [], notStoredLines: [] });
      expect(e.partial?.unknown).toContain('still unavailable');
      expect(e.committedThroughLine).toBe(3);
      expect(describePartialBatch(e.partial!)).toContain('which of lines 4–6 were stored is not known');
      const rerun = await importCommands(ledger, { source: file, batchSize: 3 });
      expect(rerun.resumedAfterLine).toBe(3);
      const events = await householdEvents(ledger);
      expect(new Set(events.map((x) => x.commandId)).size).toBe(events.length);
      expect(events.filter((x) => x.type === 'HouseholdRegistered').map((x) => x.streamId).sort()).toEqual(['household-h1', 'household-h2', 'household-h7', 'household-h8', 'household-h9']);
    } finally {
      await ledger.close();
    }
  });

  it('on a store with atomic batches a failed batch is reported as storing nothing, as before', async () => {
    const ledger = await open('h.db');
    try {
      // SQLite writes a batch in one write session, which fails for the second batch after its first append.
      const session = ledger.store.writeSession!.bind(ledger.store);
      let calls = 0;
      jest.spyOn(ledger.store as Required<EventStore>, 'writeSession').mockImplementation(async (work) => {
        calls += 1;
        return session((s) =>
          work({
            readStream: (streamId, opts) => s.readStream(streamId, opts),
            append: (a) => {
              if (calls === 2 && a.events.length > 0 && a.streamId.startsWith('household-')) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
              return s.append(a);
            },
          }),
        );
      });
      const e = (await importCommands(ledger, { source: file, batchSize: 3 }).catch((x: unknown) => x)) as ImportStoppedError;
      expect(e.partial).toBeUndefined();
      expect(e.committedThroughLine).toBe(3);
    } finally {
      await ledger.close();
    }
  });
});
