import type { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@hearth/event-store';
import type { Ledger } from '@hearth/ledger';
import type { HouseholdCommandResult } from '@hearth/nest';
import type { Principal } from '../auth/principal';
import { CommandService } from './command-service';
import type { HouseholdDivisions } from './household-divisions';

/** The service's mapping of each CommandResult the bus can return; the HTTP round trips are in test/. */
const serviceReturning = (result: HouseholdCommandResult) => {
  const executed: unknown[] = [];
  const bus = { execute: async (c: unknown) => (executed.push(c), result) } as unknown as CommandBus;
  const divisions = { current: async () => undefined } as unknown as HouseholdDivisions;
  // The executor read the appended events back; the service must not read them again.
  const ledger = { divisions: undefined, store: { readStream: async () => Promise.reject(new Error('read again')) } } as unknown as Ledger;
  return { service: new CommandService(bus, divisions, ledger), executed };
};

const auditorLike: Principal = { role: 'auditor', actor: 'someone' };
const clear = { type: 'ClearHousehold', householdId: 'hh-1', on: '2016-07-01' };

describe('CommandService', () => {
  it('a conflict left after the retries is 409 CONFLICT, saying nothing was appended, with a wait of a second (Retry-After)', async () => {
    const { service } = serviceReturning({ status: 'conflict', streamId: 'household-hh-1', attempts: 6 });
    const answer = await service.submit(auditorLike, clear);
    expect(answer).toMatchObject({ accepted: false, status: 409, body: { code: 'CONFLICT' }, retryAfterSeconds: 1 });
    expect(answer.accepted === false && answer.body.message).toMatch(/nothing was appended/);
  });

  it("a rejection is 422 with the domain's code", async () => {
    const { service } = serviceReturning({ status: 'rejected', streamId: 'household-hh-1', error: { code: 'NOT_IDENTIFIED', message: 'no' } });
    expect(await service.submit(auditorLike, clear)).toMatchObject({ status: 422, body: { code: 'NOT_IDENTIFIED', message: 'no' } });
  });

  it('an idempotent repeat is 201 unchanged, appending nothing', async () => {
    const { service } = serviceReturning({ status: 'unchanged', streamId: 'household-hh-1', version: 3 });
    expect(await service.submit(auditorLike, clear)).toEqual({ accepted: true, status: 201, body: { householdId: 'hh-1', appended: [], unchanged: true } });
  });

  const followUp = {
    status: 'accepted' as const,
    streamId: 'household-hh-1',
    events: [
      { eventId: 'e-5', type: 'FollowUpVisited', streamVersion: 5, hash: 'a' },
      { eventId: 'e-6', type: 'LaborConcernRaised', streamVersion: 6, hash: 'b' },
    ],
    nextExpectedVersion: 6,
    lastPosition: 907,
  };
  const recorded = (eventId: string, type: string, streamVersion: number, position: number) => ({ eventId, type, streamVersion, position }) as unknown as RecordedEvent;

  it.each([
    ['at the position it was read back at', [recorded('e-5', 'FollowUpVisited', 5, 900), recorded('e-6', 'LaborConcernRaised', 6, 907)], 900],
    ["with the last at the append's position and the others null when they could not be read back", undefined, null],
  ])('an acceptance is 201 with each appended event %s', async (_, read, firstPosition) => {
    const { service } = serviceReturning({ ...followUp, recorded: read });
    expect(await service.submit(auditorLike, clear)).toEqual({
      accepted: true,
      status: 201,
      body: {
        householdId: 'hh-1',
        appended: [
          { eventId: 'e-5', type: 'FollowUpVisited', streamVersion: 5, position: firstPosition },
          { eventId: 'e-6', type: 'LaborConcernRaised', streamVersion: 6, position: 907 },
        ],
        unchanged: false,
      },
    });
  });

  it('executes the command with the principal as its actor, and never executes an undecodable one', async () => {
    const { service, executed } = serviceReturning({ status: 'unchanged', streamId: 'household-hh-1', version: 3 });
    await service.submit(auditorLike, clear);
    expect(executed).toEqual([expect.objectContaining({ command: { ...clear, actor: 'someone' } })]);
    expect(await service.submit(auditorLike, { ...clear, on: 'tomorrow' })).toMatchObject({ status: 400, body: { code: 'INVALID_COMMAND', field: 'on' } });
    expect(executed).toHaveLength(1);
  });
});
