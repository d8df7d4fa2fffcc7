import {
  commandEnvelope,
  householdDecider,
  type DecisionContext,
  type DomainError,
  type HouseholdCommand,
  type HouseholdEvent,
  type HouseholdState,
} from '@hearth/domain';
import { command as c, surveyMember, testContext } from '@hearth/domain/testing';
import { BatchCommandHandler } from '../src/batch-command-handler';
import { CommandHandler } from '../src/command-handler';
import type { ReadStreamOptions } from '../src/event-store';
import { householdEventCodec } from '../src/household-event-codec';
import { InMemoryEventStore } from '../src/in-memory-event-store';
import { interceptedStore } from '../src/testing/intercepted-store';

/**
 * The household state keeps no log (docs/decisions/0050-lean-fold.md): a correction reads
 * the stream's past, which both handlers hand to `decide` for CorrectEvent only. These
 * run the real household Decider through both handlers.
 */

const registration = c('RegisterHousehold', { on: '2016-01-10', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }], commandId: 'reg' });
const survey = c('SurveyHousehold', { on: '2016-02-01', householdSize: 1, povertyCauses: ['lack-of-skills'], members: [surveyMember('m1', { wantsWork: true })] });
/** The registration said 1980; the birth certificate says 1940: m1 is past working age, so no one is eligible. */
const fixBirthYear = (eventId: string): HouseholdCommand =>
  c('CorrectEvent', { on: '2016-02-02', eventId, correction: { members: [{ memberId: 'm1', birthYear: 1940 }] }, reason: 'birth certificate' });
const apply = c('ApplyForIdentification', { on: '2016-03-01' });
const identify = c('IdentifyHousehold', { on: '2016-03-02' });

const setUp = () => {
  const inner = new InMemoryEventStore();
  const reads: { streamId: string; opts: ReadStreamOptions | undefined }[] = [];
  const store = interceptedStore(inner, {
    readStream: (streamId, opts) => {
      reads.push({ streamId, opts });
      return inner.readStream(streamId, opts);
    },
  });
  let n = 0;
  const common = {
    store,
    decider: householdDecider,
    describe: (cmd: HouseholdCommand) => commandEnvelope(cmd, 'clerk-1'),
    newEventId: () => `ev-${++n}`,
    now: () => '2020-01-01T00:00:00.000Z',
    schemaVersion: 1,
    codec: householdEventCodec,
  };
  return {
    inner,
    reads,
    single: new CommandHandler<HouseholdCommand, HouseholdEvent, HouseholdState, DecisionContext, DomainError>(common),
    batch: new BatchCommandHandler<HouseholdCommand, HouseholdEvent, HouseholdState, DecisionContext, DomainError>(common),
  };
};

describe('a correction reads the stream through the command handlers', () => {
  it('CommandHandler: the correction is decided against the stored events, and later decisions see the corrected state', async () => {
    const { single, inner } = setUp();
    for (const cmd of [registration, survey]) expect((await single.handle(cmd, testContext)).status).toBe('accepted');
    expect(await single.handle(fixBirthYear('ev-404'), testContext)).toEqual(expect.objectContaining({ status: 'rejected', error: expect.objectContaining({ code: 'UNKNOWN_EVENT' }) }));
    expect((await single.handle(fixBirthYear('ev-1'), testContext)).status).toBe('accepted');
    expect((await single.handle(apply, testContext)).status).toBe('accepted');
    expect(await single.handle(identify, testContext)).toEqual(expect.objectContaining({ status: 'rejected', error: expect.objectContaining({ code: 'NO_ELIGIBLE_MEMBER' }) }));
    expect((await inner.readStream('household-h1')).map((e) => e.type)).toEqual(['HouseholdRegistered', 'HouseholdSurveyed', 'EventCorrected', 'IdentificationApplied']);
    inner.close();
  });

  it('BatchCommandHandler: a correction sees the events decided earlier in its own batch', async () => {
    const { batch, inner } = setUp();
    const results = await batch.handleMany([registration, survey, fixBirthYear('ev-1'), apply, identify], testContext);
    expect(results.map((r) => (r.status === 'rejected' ? r.error.code : r.status))).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'NO_ELIGIBLE_MEMBER']);
    inner.close();
  });

  it('BatchCommandHandler: ordinary commands on a cached stream read nothing; a correction reads the stream once, up to the cached version', async () => {
    const { batch, inner, reads } = setUp();
    await batch.handleMany([registration, survey], testContext);
    reads.length = 0;
    const withdrawAndDeclare = (on: string) => [c('WithdrawWillingness', { on, memberId: 'm1' }), c('DeclareWillingness', { on, memberId: 'm1' })];
    expect((await batch.handleMany(withdrawAndDeclare('2016-02-01'), testContext)).map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(reads).toEqual([]);
    // Two events of this batch come before the correction: it sees them without a store read.
    const results = await batch.handleMany([...withdrawAndDeclare('2016-02-02'), fixBirthYear('ev-1'), apply, identify], testContext);
    expect(results.map((r) => (r.status === 'rejected' ? r.error.code : r.status))).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'NO_ELIGIBLE_MEMBER']);
    expect(reads).toEqual([{ streamId: 'household-h1', opts: { maxCount: 4 } }]);
    inner.close();
  });

  it('a commandId reused with other content is refused from the state alone; a retry is confirmed against the stored event', async () => {
    const { batch, inner, reads } = setUp();
    await batch.handleMany([registration, survey], testContext);
    reads.length = 0;
    expect(await batch.handleMany([{ ...registration, divisionCode: 'V2' } as HouseholdCommand], testContext)).toEqual([expect.objectContaining({ status: 'rejected', error: expect.objectContaining({ code: 'COMMAND_ID_REUSED' }) })]);
    expect(reads).toEqual([]);
    expect((await batch.handleMany([{ ...registration, actor: 'another-clerk' }], testContext)).map((r) => r.status)).toEqual(['unchanged']);
    expect(reads).toEqual([{ streamId: 'household-h1', opts: { maxCount: 2 } }]);
    inner.close();
  });
});
