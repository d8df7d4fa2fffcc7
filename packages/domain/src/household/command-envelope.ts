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

/**
 * Absent rather than undefined members, set one by one: spreading a conditional object
 * literal per optional member cost two allocations and a copy each, ~1 µs a command in
 * an import.
 */
export const commandEnvelope = (cmd: HouseholdCommand, defaultActor: string): HouseholdCommandEnvelope => {
  const envelope: { -readonly [K in keyof HouseholdCommandEnvelope]: HouseholdCommandEnvelope[K] } = {
    streamId: householdStream(cmd.householdId),
    occurredOn: cmd.on,
    actor: cmd.actor ?? defaultActor,
  };
  if (cmd.note !== undefined) envelope.note = cmd.note;
  if (cmd.commandId !== undefined) envelope.commandId = cmd.commandId;
  return envelope;
};
