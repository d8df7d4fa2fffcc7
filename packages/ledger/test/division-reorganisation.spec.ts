import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { decide, householdStream, referencePolicy, replayAnomalies } from '@hearth/domain';
import { householdEventCodec } from '@hearth/event-store';
import { importCommands, Ledger } from '../src';

const first = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'V1', name: 'Village one', parentCode: 'R', level: 'village' },
  { code: 'V2', name: 'Village two', parentCode: 'R', level: 'village' },
];
const second = [first[0], first[2], { code: 'V3', name: 'Village three', parentCode: 'R', level: 'village' }];
const line = (c: object) => JSON.stringify(c);
const register = (id: string, village: string, on = '2016-01-10') => line({ type: 'RegisterHousehold', householdId: id, on, divisionCode: village, members: [{ memberId: 'm1', birthYear: 1980 }] });

/** docs/decisions/0015 through the application service: refusals name households and record nothing; moves are events. */
describe('Ledger.recordDivisionTree over a log in use', () => {
  let dir: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-ledger-'));
    ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'h.db')}`, policy: referencePolicy, now: () => '2018-01-01T09:00:00.000Z' });
    await ledger.recordDivisionTree(first, '2016-01-01');
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, [
      register('h1', 'V1'), register('h2', 'V1'), register('h3', 'V2'), register('h4', 'V1'),
      line({ type: 'WithdrawFromProgramme', householdId: 'h2', on: '2016-05-01' }),
      line({ type: 'DeregisterHousehold', householdId: 'h4', on: '2016-03-01', reason: 'moved' }),
    ].join('\n'));
    expect((await importCommands(ledger, { source: file })).accepted).toBe(6);
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const refusal = async (input: unknown, on = '2017-01-01') => {
    const r = await ledger.recordDivisionTree(input, on);
    if (E.isRight(r)) throw new Error('expected a refusal');
    expect(await ledger.store.streamVersion('divisions')).toBe(0);
    return r.left;
  };

  it('refuses a tree that drops a village in use, naming its open households (not the deregistered one)', async () => {
    const left = await refusal(second);
    expect(left.households.map((h) => [h.householdId, h.divisionCode, h.code])).toEqual([['h1', 'V1', 'NOT_A_SUCCESSOR'], ['h2', 'V1', 'NOT_A_SUCCESSOR']]);
  });

  it('refuses a move dated before a household\'s latest event, or after today', async () => {
    expect((await refusal({ divisions: second, successors: { V1: 'V3' } }, '2016-04-01')).households.map((h) => [h.householdId, h.code])).toEqual([['h2', 'BACKDATED']]);
    expect((await refusal({ divisions: second, successors: { V1: 'V3' }, effectiveFrom: '2018-02-01' })).fields.map((f) => f.path)).toEqual(['effectiveFrom']);
    expect((await refusal({ divisions: second, successors: { V1: 'V3' } }, '2018-01-03')).fields.map((f) => f.path)).toEqual(['effectiveFrom']);
  });

  it('takes a tree in force from the day after the UTC date of its recording: that day has begun east of UTC (decision 135)', async () => {
    const r = await ledger.recordDivisionTree({ divisions: second, successors: { V1: 'V3' } }, '2018-01-02');
    expect(r).toEqual(E.right({ changed: true, divisions: 3, moved: 2, effectiveFrom: '2018-01-02' }));
  });

  it('moves every open household of a dropped village to its successor, by events on the tree\'s date, after the tree in the log', async () => {
    const r = await ledger.recordDivisionTree({ divisions: second, successors: { V1: 'V3' } }, '2017-01-01');
    expect(r).toEqual(E.right({ changed: true, divisions: 3, moved: 2, effectiveFrom: '2017-01-01' }));
    const tree = (await ledger.store.readStream('divisions'))[1];
    for (const id of ['h1', 'h2']) {
      const stream = await ledger.store.readStream(householdStream(id));
      const move = stream[stream.length - 1];
      expect(move).toMatchObject({ type: 'HouseholdTransferred', data: { from: 'V1', to: 'V3' }, metadata: { occurredOn: '2017-01-01', prevHash: stream[stream.length - 2]?.metadata.hash } });
      expect(move?.position).toBeGreaterThan(tree?.position ?? Infinity);
      // replayed as verify does: each event against the tree in force when it was recorded
      const facts = stream.map((e) => ({ event: householdEventCodec.decode(e), meta: { eventId: e.eventId, occurredOn: e.metadata.occurredOn, position: e.position } }));
      expect(replayAnomalies(facts, id, ledger.context(), decide)).toEqual([]);
    }
    expect((await ledger.store.readStream(householdStream('h4'))).map((e) => e.type)).not.toContain('HouseholdTransferred');
    expect(ledger.divisionsInForce?.get('V1')).toBeUndefined();
    expect(ledger.divisions?.get('V1')).toBeDefined(); // every division ever recorded, for reports
    // a new registration goes by the tree in force
    const late = join(dir, 'late.jsonl');
    writeFileSync(late, [register('h5', 'V1', '2017-02-01'), register('h6', 'V3', '2017-02-01')].join('\n'));
    expect((await importCommands(ledger, { source: late })).rejected.map((x) => x.code)).toEqual(['UNKNOWN_DIVISION']);
    // the same file again records nothing and moves nobody
    expect(await ledger.recordDivisionTree({ divisions: second, successors: { V1: 'V3' } }, '2017-01-01')).toEqual(E.right({ changed: false, divisions: 3, moved: 0, effectiveFrom: '2017-01-01' }));
  });
});
