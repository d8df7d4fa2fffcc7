import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { Division, DIVISIONS_STREAM, referencePolicy } from '@hearth/domain';
import type { AppendResult, StreamAppend } from '@hearth/event-store';
import { importCommands, Ledger } from '../src';

/** A tree of 150 villages under one township: about 12 KB as one event, so several parts of 2 KB. */
const villages = (n: number): Division[] => [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'T', name: 'Township', parentCode: 'R', level: 'township' },
  ...Array.from({ length: n }, (_, i) => ({ code: `V${i}`, name: `Village number ${i}`, parentCode: 'T', level: 'village' as const })),
];
const first = villages(150);
const merged: Division = { code: 'V0N', name: 'Village number 0, merged', parentCode: 'T', level: 'village' };
const reorganisation = { divisions: [...first.filter((d) => d.code !== 'V0'), merged], successors: { V0: 'V0N' }, effectiveFrom: '2017-07-01' };
const PART_BYTES = 2048;

const register = (id: string, village: string) =>
  JSON.stringify({ type: 'RegisterHousehold', householdId: id, on: '2016-01-10', divisionCode: village, members: [{ memberId: 'm1', birthYear: 1980 }] });

/** docs/decisions/0056 through the application service: parts, one append each, and a recording that stops between them. */
describe('Ledger.recordDivisionTree with a tree in parts', () => {
  let dir: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-parts-'));
    ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'h.db')}`, policy: referencePolicy, now: () => '2018-01-01T09:00:00.000Z', divisionTreePartBytes: PART_BYTES });
    const recorded = await ledger.recordDivisionTree(first, '2016-01-01');
    expect(E.isRight(recorded) && recorded.right.changed).toBe(true);
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, [register('h1', 'V0'), register('h2', 'V0'), register('h3', 'V1')].join('\n'));
    expect((await importCommands(ledger, { source: file })).accepted).toBe(3);
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const divisionEvents = () => ledger.store.readStream(DIVISIONS_STREAM);

  it('appends each part as its own append of one event, in one batch, the moves after the last part', async () => {
    const batches: (readonly StreamAppend[])[] = [];
    const original = ledger.store.appendBatch.bind(ledger.store);
    jest.spyOn(ledger.store, 'appendBatch').mockImplementation((appends) => (batches.push(appends), original(appends)));
    const before = (await divisionEvents()).length;
    const moved = await ledger.recordDivisionTree(reorganisation, '2017-07-01');
    expect(E.isRight(moved) && moved.right).toMatchObject({ changed: true, moved: 2 });
    expect(batches).toHaveLength(1);
    const batch = batches[0] as readonly StreamAppend[];
    const parts = batch.filter((a) => a.streamId === DIVISIONS_STREAM);
    expect(parts.length).toBeGreaterThan(4);
    expect(parts.every((a) => a.events.length === 1 && a.events[0]?.type === 'DivisionTreePartRecorded')).toBe(true);
    expect(parts.map((a) => a.expectedVersion)).toEqual(parts.map((_, i) => before - 1 + i));
    expect(batch.slice(parts.length).map((a) => a.events[0]?.type)).toEqual(['HouseholdTransferred', 'HouseholdTransferred']);
    // The moves sit after the tree's last part, so they are replayed against the new tree.
    const lastPart = (await divisionEvents()).at(-1)?.position as number;
    expect(ledger.divisionHistory.trees.at(-1)?.position).toBe(lastPart);
    const h1 = await ledger.store.readStream('household-h1');
    expect(h1.at(-1)?.position).toBeGreaterThan(lastPart);
  });

  it('finishes a recording that stopped between parts when the same file is loaded again, and nothing is in force meanwhile', async () => {
    const before = (await divisionEvents()).length;
    // A store without atomic batches (KurrentDB) that loses the connection after two appends of the batch.
    const original = ledger.store.appendBatch.bind(ledger.store);
    const spy = jest.spyOn(ledger.store, 'appendBatch').mockImplementation(async (appends) => {
      const results: AppendResult[] = [];
      for (const [i, a] of appends.entries()) {
        if (i === 2) throw Object.assign(new Error('connection lost'), { code: 'UNAVAILABLE' });
        results.push(...(await original([a])));
      }
      return results;
    });
    await expect(ledger.recordDivisionTree(reorganisation, '2017-07-01')).rejects.toThrow('connection lost');
    spy.mockRestore();

    const reopened = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'h.db')}`, policy: referencePolicy, now: () => '2018-01-01T09:00:00.000Z', divisionTreePartBytes: PART_BYTES });
    try {
      expect((await reopened.store.readStream(DIVISIONS_STREAM)).length).toBe(before + 2);
      expect(reopened.divisionsInForce?.all).toEqual(first);
      expect(reopened.divisionHistory.unfinished?.parts.map((p) => p.part)).toEqual([1, 2]);
      // The tree in force loaded again records nothing, and says the date it is in force from, not the stopped one's (a re-read, 2026-12-08).
      expect(await reopened.recordDivisionTree(first, '2018-01-01')).toEqual(E.right({ changed: false, divisions: first.length, moved: 0, effectiveFrom: '2016-01-01' }));

      const finished = await reopened.recordDivisionTree(reorganisation, '2017-07-01');
      expect(E.isRight(finished) && finished.right).toMatchObject({ changed: true, moved: 2 });
      const stream = await reopened.store.readStream(DIVISIONS_STREAM);
      const parts = stream.slice(before).map((e) => e.data as { part: number; parts: number });
      expect(parts.map((p) => p.part)).toEqual(parts.map((_, i) => i + 1)); // one run, not restarted
      expect(parts.every((p) => p.parts === parts.length)).toBe(true);
      expect(reopened.divisionsInForce?.all).toEqual(reorganisation.divisions);
      expect(reopened.divisionHistory.unfinished).toBeUndefined();
      expect((await reopened.store.readStream('household-h2')).at(-1)?.type).toBe('HouseholdTransferred');
    } finally {
      await reopened.close();
    }
  });

  it('takes a tree recorded meanwhile by another writer as a conflict, appending nothing', async () => {
    const other = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'h.db')}`, policy: referencePolicy, now: () => '2018-01-01T09:00:00.000Z' });
    try {
      const readStream = ledger.store.readStream.bind(ledger.store);
      // The other writer records a tree right after this one has read the divisions stream.
      jest.spyOn(ledger.store, 'readStream').mockImplementationOnce(async (id, opts) => {
        const read = await readStream(id, opts);
        await other.recordDivisionTree([...first, { code: 'V999', name: 'Another', parentCode: 'T', level: 'village' }], '2017-01-01');
        return read;
      });
      const version = await ledger.store.streamVersion(DIVISIONS_STREAM);
      await expect(ledger.recordDivisionTree(reorganisation, '2017-07-01')).rejects.toMatchObject({ name: 'WrongExpectedVersionError' });
      expect(await ledger.store.streamVersion(DIVISIONS_STREAM)).toBe(version + 1);
    } finally {
      await other.close();
    }
  });
});
