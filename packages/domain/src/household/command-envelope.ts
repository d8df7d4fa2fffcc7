import { HouseholdCommand } from './commands';
import { householdStream } from './stream';

/**
 * What the store records about a command besides its events: the stream, the business
 * date every event takes, who recorded it (the command's actor, else the caller's),
 * the note and the command id. Structurally the event store's CommandEnvelope.
 */
export interface HouseholdCommandEnvelope {
  readonly streamId: string;
  readonly occurredOn: string;
  readonly actor: string;
  readonly note?: string;
  readonly commandId?: string;
}

export const commandEnvelope = (cmd: HouseholdCommand, defaultActor: string): HouseholdCommandEnvelope => ({
  streamId: householdStream(cmd.householdId),
  occurredOn: cmd.on,
  actor: cmd.actor ?? defaultActor,
  ...(cmd.note !== undefined ? { note: cmd.note } : {}),
  ...(cmd.commandId !== undefined ? { commandId: cmd.commandId } : {}),
});
