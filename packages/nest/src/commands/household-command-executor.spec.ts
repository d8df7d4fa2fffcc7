import { Logger } from '@nestjs/common';
import type { EventBus } from '@nestjs/cqrs';
import type { HouseholdCommand } from '@hearth/domain';
import type { CommandResult, ReadStreamOptions, RecordedEvent } from '@hearth/event-store';
import type { Ledger } from '@hearth/ledger';
import type { DomainError } from '@hearth/domain';
import { HouseholdEventAccepted } from '../events/household-event-accepted';
import { HouseholdCommandExecutor } from './household-command-executor';

const command = { type: 'RecordFollowUp', householdId: 'hh-1', on: '2017-03-01' } as unknown as HouseholdCommand;

/** What the ledger's handler answers for a follow-up that raised a concern: two events, versions 5 and 6. */
const accepted: CommandResult<DomainError> = {
  status: 'accepted',
  streamId: 'household-hh-1',
  events: [
    { eventId: 'e-5', type: 'FollowUpVisited', streamVersion: 5, hash: 'a' },
    { eventId: 'e-6', type: 'LaborConcernRaised', streamVersion: 6, hash: 'b' },
  ],
  nextExpectedVersion: 6,
  lastPosition: 907,
};

const stored = (eventId: string, type: string, streamVersion: number, position: number): RecordedEvent =>
  ({
    eventId, type, streamVersion, position, streamId: 'household-hh-1', data: {},
    metadata: { occurredOn: '2017-03-01', recordedAt: '2017-03-01T10:00:00.000Z', actor: 'cw' },
  }) as unknown as RecordedEvent;

/** An executor over a ledger whose handler answers `result` and whose store's readStream does `read`. */
const executorWith = (result: CommandResult<DomainError>, read: (streamId: string, opts?: ReadStreamOptions) => Promise<RecordedEvent[]>) => {
  const published: unknown[] = [];
  const reads: ReadStreamOptions[] = [];
  const ledger = {
    refreshDivisions: async () => false,
    context: () => ({}),
    commandHandler: () => ({ handle: async () => result }),
    store: { readStream: (streamId: string, opts?: ReadStreamOptions) => (reads.push(opts ?? {}), read(streamId, opts)) },
  } as unknown as Ledger;
  const bus = { publishAll: (events: unknown[]) => published.push(...events) } as unknown as EventBus;
  return { executor: new HouseholdCommandExecutor(ledger, bus), published, reads };
};

describe('HouseholdCommandExecutor', () => {
  it('reads the appended events back once, publishes one HouseholdEventAccepted each and returns them as recorded', async () => {
    const rows = [stored('e-5', 'FollowUpVisited', 5, 900), stored('e-6', 'LaborConcernRaised', 6, 907)];
    const { executor, published, reads } = executorWith(accepted, async () => rows);
    const result = await executor.execute(command);
    expect(reads).toEqual([{ fromVersion: 5, maxCount: 2 }]);
    expect(result).toMatchObject({ status: 'accepted', recorded: rows });
    expect(published).toEqual([expect.any(HouseholdEventAccepted), expect.any(HouseholdEventAccepted)]);
    expect(published.map((e) => (e as HouseholdEventAccepted).position)).toEqual([900, 907]);
  });

  it('a read back that fails after the commit still answers accepted, with nothing recorded to show, nothing published and the failure logged', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const { executor, published } = executorWith(accepted, async () => {
        throw new Error('the database connection is not open');
      });
      const result = await executor.execute(command);
      expect(result).toEqual({ ...accepted, recorded: undefined });
      expect(published).toEqual([]);
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/household-hh-1: 2 event\(s\) appended through position 907.*recorded.*the database connection is not open/));
    } finally {
      logged.mockRestore();
    }
  });

  it('a read back that answers other events than the appended ones counts as failed: nothing recorded to show, nothing published', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const { executor, published } = executorWith(accepted, async () => [stored('e-5', 'FollowUpVisited', 5, 900)]);
      expect(await executor.execute(command)).toEqual({ ...accepted, recorded: undefined });
      expect(published).toEqual([]);
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/answered 1 event\(s\) that are not the ones appended/));
    } finally {
      logged.mockRestore();
    }
  });

  it('reads nothing back for a command that appended nothing', async () => {
    const unchanged: CommandResult<DomainError> = { status: 'unchanged', streamId: 'household-hh-1', version: 6 };
    const { executor, reads } = executorWith(unchanged, async () => []);
    expect(await executor.execute(command)).toEqual(unchanged);
    expect(reads).toEqual([]);
  });
});
