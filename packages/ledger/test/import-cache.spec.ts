import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import type { EventStore } from '@hearth/event-store';
import { importCommands, Ledger } from '../src';
import { oneVillage } from './support/one-village';

const member = { memberId: 'm1', health: 'healthy', laborCapacity: 'full', education: 'primary', skills: [], languages: [], wantsWork: true, preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [] };
const register = (id: string, on = '2016-01-10') => ({ type: 'RegisterHousehold', householdId: id, on, divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] });
const survey = (id: string) => ({ type: 'SurveyHousehold', householdId: id, on: '2016-02-01', householdSize: 1, povertyCauses: ['illness'], members: [member] });
const job = (id: string) => ({ type: 'RecordEmployment', householdId: id, on: '2016-03-01', employmentId: 'e1', memberId: 'm1', form: 'flexible', place: 'local', monthlyIncome: 2000, contractSigned: true });
const income = (id: string, amount: number) => ({ type: 'RecordIncome', householdId: id, on: '2016-04-01', employmentId: 'e1', month: '2016-03', amount });

/** Three households interleaved, each coming back after the others: decisions that need each one's state (repeats, duplicates, an income without its job). */
const perHousehold = ['h1', 'h2', 'h3'].map((id) => [register(id), survey(id), register(id, '2016-02-02'), survey(id), id === 'h2' ? income(id, 10) : job(id), income(id, 1800), income(id, 1900)]);
const log = (perHousehold[0] ?? []).flatMap((_, i) => perHousehold.map((commands) => JSON.stringify(commands[i])));

describe("the importer's cache of household states", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hearth-import-cache-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const importWith = async (name: string, cachedHouseholds: number | undefined, maxCachedHouseholds?: number) => {
    const ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, `${name}.db`)}`, policy: referencePolicy });
    try {
      await ledger.recordDivisionTree(oneVillage, '2016-01-01');
      const file = join(dir, 'log.jsonl');
      writeFileSync(file, log.join('\n'));
      // The importer reads streams inside the write session of each batch (SQLite).
      const read: string[] = [];
      const session = ledger.store.writeSession!.bind(ledger.store);
      const sessions = jest.spyOn(ledger.store as Required<EventStore>, 'writeSession').mockImplementation((work) =>
        session((s) => work({ append: (a) => s.append(a), readStream: (streamId, opts) => (read.push(streamId), s.readStream(streamId, opts)) })),
      );
      const summary = await importCommands(ledger, { source: file, batchSize: 2, ...(cachedHouseholds === undefined ? {} : { cachedHouseholds }), ...(maxCachedHouseholds === undefined ? {} : { maxCachedHouseholds }) });
      const householdReads = read.filter((streamId) => streamId.startsWith('household-')).length;
      sessions.mockRestore();
      const streams = await Promise.all(['h1', 'h2', 'h3'].map((id) => ledger.store.readStream(`household-${id}`)));
      const events = streams.map((s) => s.map((e) => ({ type: e.type, data: e.data, version: e.streamVersion, commandId: e.metadata.commandId, occurredOn: e.metadata.occurredOn })));
      return { summary, events, householdReads };
    } finally {
      await ledger.close();
    }
  };

  it('only saves reads: a cache of one household decides every line as the default does', async () => {
    const byDefault = await importWith('default', undefined);
    const one = await importWith('one', 1);
    // The log really exercises state: every household has repeats, duplicates and a refusal.
    expect(byDefault.summary.rejected.map((r) => [r.householdId, r.code])).toEqual([
      ['h1', 'ALREADY_REGISTERED'], ['h2', 'ALREADY_REGISTERED'], ['h3', 'ALREADY_REGISTERED'],
      ['h2', 'UNKNOWN_EMPLOYMENT'], ['h2', 'UNKNOWN_EMPLOYMENT'], ['h1', 'INCOME_ALREADY_RECORDED'], ['h2', 'UNKNOWN_EMPLOYMENT'], ['h3', 'INCOME_ALREADY_RECORDED'],
    ]);
    expect(byDefault.summary).toMatchObject({ accepted: 10, unchanged: 3 });
    expect(one.summary).toEqual(byDefault.summary);
    expect(one.events).toEqual(byDefault.events);
    // Each household is read once by default, and once more for its repeated survey, which is
    // confirmed against the stream (the state keeps a print of each survey: decision 81);
    // with one slot, again each time it comes back after another.
    expect(byDefault.householdReads).toBe(6);
    expect(one.householdReads).toBeGreaterThan(6);
  });

  it('grows a cache of one household as the log comes back to the others, deciding every line as the default does', async () => {
    const byDefault = await importWith('default', undefined);
    const one = await importWith('one', 1);
    const growing = await importWith('growing', 1, 3);
    expect(growing.summary).toEqual(byDefault.summary);
    expect(growing.events).toEqual(byDefault.events);
    // Once the three households fit, only the repeated surveys' confirmations read a stream.
    expect(growing.householdReads).toBeLessThan(one.householdReads);
    expect(growing.householdReads).toBeGreaterThanOrEqual(byDefault.householdReads);
  });
});
