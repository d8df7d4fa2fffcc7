import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { householdStream, referencePolicy, type HouseholdCommand } from '@hearth/domain';
import { command, willing } from '@hearth/domain/testing';
import { verifyStream } from '@hearth/event-store';
import { Ledger } from '../src';

const divisions = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'V1', name: 'Village one', parentCode: 'R', level: 'village' },
  { code: 'V2', name: 'Village two', parentCode: 'R', level: 'village' },
];
const register = command('RegisterHousehold', { divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }], on: '2016-01-10', commandId: 'reg' });
const survey = (commandId: string, on = '2016-02-01'): HouseholdCommand =>
  command('SurveyHousehold', { householdSize: 1, povertyCauses: ['lack-of-skills'], members: [willing('m1')], on, commandId });
const apply = command('ApplyForIdentification', { on: '2016-03-01', commandId: 'apply' });

/**
 * The ledger's command handler keeps folded households between commands: one handler per
 * ledger, and — two ledgers on one SQLite file standing for two processes — each sees what
 * the other appended before it decides, idempotent reruns included.
 */
describe('Ledger.commandHandler with its cache', () => {
  let dir: string;
  let mine: Ledger;
  let theirs: Ledger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-ledger-cache-'));
    const storeUrl = `sqlite:${join(dir, 'h.db')}`;
    mine = await Ledger.open({ storeUrl, policy: referencePolicy });
    await mine.recordDivisionTree(divisions, '2016-01-01');
    theirs = await Ledger.open({ storeUrl, policy: referencePolicy });
  });
  afterEach(async () => {
    await mine.close();
    await theirs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is one handler per ledger, so its cache serves every caller', async () => {
    expect(mine.commandHandler()).toBe(mine.commandHandler());
    await mine.commandHandler().handle(register, mine.context());
    expect(mine.commandHandler().cachedStreams).toBe(1);
  });

  it('decides on what another process appended since it cached the household', async () => {
    expect(await mine.commandHandler().handle(register, mine.context())).toMatchObject({ status: 'accepted' });
    // Cached as registered, not surveyed; the other process surveys it.
    expect(await theirs.commandHandler().handle(survey('s1'), theirs.context())).toMatchObject({ status: 'accepted' });
    // Decided on the cached state it is refused NOT_SURVEYED; the version check after deciding finds the survey, so it is decided again on it.
    expect(await mine.commandHandler().handle(apply, mine.context())).toMatchObject({ status: 'accepted', nextExpectedVersion: 2 });
    const stream = await mine.store.readStream(householdStream('h1'));
    expect(stream.map((e) => e.type)).toEqual(['HouseholdRegistered', 'HouseholdSurveyed', 'IdentificationApplied']);
    expect(verifyStream(stream)).toEqual({ ok: true });
  });

  it('keeps commandId idempotency exact with a warm cache: a rerun appends nothing, the id reused for other content is refused', async () => {
    const handler = mine.commandHandler();
    await handler.handle(register, mine.context());
    await theirs.commandHandler().handle(survey('s1'), theirs.context());
    expect(await handler.handle(survey('s1'), mine.context())).toEqual({ status: 'unchanged', streamId: householdStream('h1'), version: 1 });
    expect(await handler.handle(register, mine.context())).toEqual({ status: 'unchanged', streamId: householdStream('h1'), version: 1 });
    const reused = await handler.handle(survey('s1', '2016-02-02'), mine.context());
    expect(reused).toMatchObject({ status: 'rejected', error: { code: 'COMMAND_ID_REUSED' } });
    expect((await mine.store.readStream(householdStream('h1'))).map((e) => e.metadata.commandId)).toEqual(['reg', 's1']);
  });

  it('sees a move a division reorganisation appended outside the handler', async () => {
    await mine.commandHandler().handle(register, mine.context());
    const reorganised = [divisions[0], divisions[2], { code: 'V3', name: 'Village three', parentCode: 'R', level: 'village' }];
    expect(await mine.recordDivisionTree({ divisions: reorganised, successors: { V1: 'V3' } }, '2016-01-20')).toMatchObject({ right: { moved: 1 } });
    // Cached in V1 it would move to V3 again (the append conflicts); caught up, it is in V3 already.
    const again = await mine.commandHandler().handle(command('TransferHousehold', { to: 'V3', on: '2016-01-25' }), mine.context());
    expect(again).toMatchObject({ status: 'rejected', error: { code: 'NOT_A_SUCCESSOR' } });
    expect(await mine.commandHandler().handle(survey('s1'), mine.context())).toMatchObject({ status: 'accepted', nextExpectedVersion: 2 });
  });
});
