import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import * as E from 'fp-ts/Either';
import { ClearanceReportQuery, householdBusCommand, HouseholdHistoryQuery, RecordDivisionTreeCommand } from '../../src';
import { divisions, identification, TREE_DATE } from '../support/region';
import { EmbeddingAppModule } from './embedding-app.module';
import { AcceptedEventLog, Mailroom } from './welcome-letters';

describe('an application that embeds HearthModule', () => {
  let dir: string;
  let app: INestApplicationContext;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-nest-embedding-'));
    app = await NestFactory.createApplicationContext(EmbeddingAppModule.withStore(`sqlite:${join(dir, 'hearth.db')}`), { logger: ['error', 'warn'] });
  });

  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends commands on the CommandBus, reacts to the accepted events on the EventBus, and reads a report on the QueryBus', async () => {
    const commands = app.get(CommandBus);
    const queries = app.get(QueryBus);

    expect(await commands.execute(new RecordDivisionTreeCommand(divisions, TREE_DATE))).toEqual(E.right({ changed: true, divisions: 3 }));
    for (const command of identification('hh-1')) expect(await commands.execute(householdBusCommand(command))).toMatchObject({ status: 'accepted' });

    // Its event handler saw every event Hearth appended, in order, with what the log holds.
    const log = app.get(AcceptedEventLog).events;
    expect(log.map((e) => [e.householdId, e.type, e.occurredOn, e.streamVersion])).toEqual([
      ['hh-1', 'HouseholdRegistered', '2016-01-10', 0],
      ['hh-1', 'HouseholdSurveyed', '2016-02-01', 1],
      ['hh-1', 'IdentificationApplied', '2016-03-01', 2],
      ['hh-1', 'HouseholdIdentified', '2016-04-01', 3],
    ]);
    const history = await queries.execute(new HouseholdHistoryQuery('hh-1'));
    expect(log.map((e) => ({ position: e.position, type: e.type, data: e.data, actor: e.actor, recordedAt: e.recordedAt }))).toEqual(
      history.events.map((e) => ({ position: e.position, type: e.type, data: e.data, actor: e.actor, recordedAt: e.recordedAt })),
    );

    // Its saga turned the identification into a command of its own.
    const mailroom = app.get(Mailroom);
    await mailroom.untilPosted(1);
    expect(mailroom.letters).toEqual([{ householdId: 'hh-1', identifiedOn: '2016-04-01' }]);

    // The report read right after the commands already counts them.
    expect(await queries.execute(new ClearanceReportQuery({ year: 2016, division: 'V1' }))).toMatchObject({ division: 'V1', year: 2016, identifiedInYear: 1, clearedInYear: 0, stockAtEnd: 1 });
  });
});
