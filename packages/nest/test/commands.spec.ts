import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule, EventBus } from '@nestjs/cqrs';
import { COMMAND_TYPES, CommandType, HouseholdCommand, referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import {
  ClearanceCommand, CorrectionCommand, DivisionTreeQuery, EmploymentCommand, ExitCommand, HEARTH_LEDGER, HearthModule, householdBusCommand,
  HouseholdEventAccepted, HouseholdHistoryQuery, IdentificationCommand, ReferralCommand, RegistrationCommand, TrainingCommand,
} from '../src';
import { hearthApp, HearthApp, scratch, hearthAppOf } from './support/hearth-app';
import { divisions, fixedNow, identification, registration } from './support/region';

const FAMILIES: Record<CommandType, new (...args: never[]) => unknown> = {
  RegisterHousehold: RegistrationCommand, AddMember: RegistrationCommand, RemoveMember: RegistrationCommand,
  SurveyHousehold: IdentificationCommand, ApplyForIdentification: IdentificationCommand, WithdrawApplication: IdentificationCommand,
  IdentifyHousehold: IdentificationCommand, RejectApplication: IdentificationCommand, DeclareWillingness: IdentificationCommand,
  WithdrawWillingness: IdentificationCommand,
  OfferTraining: TrainingCommand, AcceptTraining: TrainingCommand, DeclineTraining: TrainingCommand, CompleteTraining: TrainingCommand,
  LeaveTraining: TrainingCommand,
  ReferToJob: ReferralCommand, AcceptReferral: ReferralCommand, DeclineReferral: ReferralCommand,
  RecordEmployment: EmploymentCommand, RecordIncome: EmploymentCommand, EndEmployment: EmploymentCommand,
  ClearHousehold: ClearanceCommand, RecordFollowUp: ClearanceCommand, ResolveLaborConcern: ClearanceCommand, RecordRelapse: ClearanceCommand,
  ExemptHousehold: ExitCommand, WithdrawFromProgramme: ExitCommand, DeregisterHousehold: ExitCommand,
  CorrectEvent: CorrectionCommand,
};

/** A command of `type` on a household nobody registered (its other fields do not matter to that refusal). */
const onUnregistered = (type: CommandType): HouseholdCommand => ({ type, householdId: 'nobody', on: '2016-05-01' }) as unknown as HouseholdCommand;

describe('householdBusCommand', () => {
  it.each(COMMAND_TYPES)('carries %s in its family command, unchanged', (type) => {
    const command = onUnregistered(type);
    const carried = householdBusCommand(command);
    expect(carried).toBeInstanceOf(FAMILIES[type]);
    expect(carried.command).toBe(command);
  });
});

describe('household commands on the CommandBus', () => {
  const tmp = scratch();
  let hearth: HearthApp;
  let published: HouseholdEventAccepted[];

  beforeAll(async () => {
    hearth = await hearthApp({ store: tmp.store });
    await hearth.recordTree();
    published = [];
    hearth.app.get(EventBus).subscribe((e) => {
      if (e instanceof HouseholdEventAccepted) published.push(e);
    });
  });
  afterAll(async () => {
    await hearth.app.close();
    tmp.remove();
  });

  it.each(COMMAND_TYPES.filter((t) => t !== 'RegisterHousehold'))('%s reaches the ledger through its family handler', async (type) => {
    expect(await hearth.send(onUnregistered(type))).toMatchObject({ status: 'rejected', streamId: 'household-nobody', error: { code: expect.any(String) } });
  });

  it('returns a refusal as a value naming the domain error, and publishes nothing for it', async () => {
    await hearth.record(identification('hh-r'));
    const before = published.length;
    const result = await hearth.send({ type: 'ClearHousehold', householdId: 'hh-r', on: '2016-05-01' });
    expect(result).toMatchObject({ status: 'rejected', streamId: 'household-hh-r', error: { code: 'NO_ACTIVE_EMPLOYMENT' } });
    expect(published).toHaveLength(before);
  });

  it('publishes one HouseholdEventAccepted per appended event, with the positions the result reports', async () => {
    const before = published.length;
    const result = await hearth.send(registration('hh-p'));
    if (result.status !== 'accepted') throw new Error(JSON.stringify(result));
    const mine = published.slice(before);
    expect(mine.map((e) => [e.householdId, e.type, e.streamVersion, e.eventId])).toEqual(result.events.map((e) => ['hh-p', e.type, e.streamVersion, e.eventId]));
    expect(mine[mine.length - 1]?.position).toBe(result.lastPosition);
    expect(mine[0]).toMatchObject({ occurredOn: '2016-01-10', actor: 'system', recordedAt: fixedNow(), data: { householdId: 'hh-p', divisionCode: 'V1' } });
  });

  it('concurrent commands on one household are retried or reported as conflicts, never lost', async () => {
    await hearth.record([registration('hh-c')]);
    const before = published.length;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => hearth.send({ type: 'AddMember', householdId: 'hh-c', on: '2016-02-01', memberId: `c${i}`, birthYear: 1990 })),
    );
    expect(results.every((r) => r.status === 'accepted' || r.status === 'conflict')).toBe(true);
    const accepted = results.filter((r) => r.status === 'accepted').length;
    expect(accepted).toBeGreaterThan(0);
    const history = await hearth.queries.execute(new HouseholdHistoryQuery('hh-c'));
    expect(history.events).toHaveLength(1 + accepted);
    expect(published.slice(before).map((e) => e.position).sort((a, b) => a - b)).toEqual(history.events.slice(1).map((e) => e.position));
  });

  it('a repeated command (same commandId) is unchanged and publishes nothing', async () => {
    const command = { ...registration('hh-u'), commandId: 'cmd-u-1' } as HouseholdCommand;
    expect(await hearth.send(command)).toMatchObject({ status: 'accepted' });
    const before = published.length;
    expect(await hearth.send(command)).toMatchObject({ status: 'unchanged', streamId: 'household-hh-u' });
    expect(published).toHaveLength(before);
  });
});

const STORE_URL = Symbol('STORE_URL');

@Module({})
class SettingsModule {
  static with(store: string) {
    return { module: SettingsModule, providers: [{ provide: STORE_URL, useValue: store }], exports: [STORE_URL] };
  }
}

describe('HearthModule.forRootAsync', () => {
  it('takes its options from a factory with injected dependencies', async () => {
    const tmp = scratch();
    try {
      const factory = jest.fn((store: string) => ({ store, now: fixedNow }));
      const app = await NestFactory.createApplicationContext(
        HearthModule.forRootAsync({ imports: [SettingsModule.with(tmp.store)], inject: [STORE_URL], useFactory: factory }),
        { logger: ['error', 'warn'] },
      );
      const hearth = hearthAppOf(app);
      try {
        expect(factory).toHaveBeenCalledWith(tmp.store);
        await hearth.recordTree();
        await hearth.record([registration('hh-a')]);
        expect(app.get<Ledger>(HEARTH_LEDGER).divisions?.root.code).toBe('R');
        expect((await hearth.queries.execute(new DivisionTreeQuery())).root).toBe('R');
      } finally {
        await app.close();
      }
      // What it recorded is in the store the factory named.
      const ledger = await Ledger.open({ storeUrl: tmp.store, policy: referencePolicy });
      try {
        expect(ledger.divisions?.all.map((d) => d.code).sort()).toEqual(divisions.map((d) => d.code).sort());
        expect(await ledger.store.streamVersion('household-hh-a')).toBe(0);
      } finally {
        await ledger.close();
      }
    } finally {
      tmp.remove();
    }
  });
});


describe('an application that imports CqrsModule.forRoot() itself as well', () => {
  it('shares one set of buses with the module', async () => {
    const tmp = scratch();
    @Module({ imports: [CqrsModule.forRoot(), HearthModule.forRoot({ store: tmp.store, now: fixedNow })] })
    class BothModule {}
    const app = await NestFactory.createApplicationContext(BothModule, { logger: ['error', 'warn'] });
    try {
      const hearth = hearthAppOf(app);
      const seen: string[] = [];
      app.get(EventBus).subscribe((e) => {
        if (e instanceof HouseholdEventAccepted) seen.push(e.type);
      });
      await hearth.recordTree();
      expect(await hearth.send(registration('hh-b'))).toMatchObject({ status: 'accepted' });
      expect(seen).toEqual(['HouseholdRegistered']);
    } finally {
      await app.close();
      tmp.remove();
    }
  });
});
