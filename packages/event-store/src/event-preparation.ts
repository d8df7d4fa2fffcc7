import type { CommandEnvelope } from './decider';
import type { EventCodec } from './event-codec';
import type { UnsealedEvent } from './hash-chain';

export interface EventPreparation<Evt extends { type: string; data: unknown }> {
  codec: EventCodec<Evt>;
  newEventId(): string;
  now(): string;
  schemaVersion: number;
}

/** Wraps the decider's events in the envelope the command describes (everything but the hashes). */
export const prepareEvents = <Evt extends { type: string; data: unknown }>(
  events: readonly Evt[],
  envelope: CommandEnvelope,
  { codec, newEventId, now, schemaVersion }: EventPreparation<Evt>,
): UnsealedEvent[] => {
  const recordedAt = now();
  return events.map((event) => {
    const { type, data } = codec.encode(event);
    // Written in canonical key order (@hearth/domain canonical-json.ts), with `actor` first and the dates
    // last, so that the seal's canonical JSON of it finds the keys almost sorted already.
    // Absent rather than undefined: the stored JSON and the in-memory copy must look alike.
    const metadata = { actor: envelope.actor } as UnsealedEvent['metadata'];
    if (envelope.causationId !== undefined) metadata.causationId = envelope.causationId;
    if (envelope.commandId !== undefined) metadata.commandId = envelope.commandId;
    if (envelope.correlationId !== undefined) metadata.correlationId = envelope.correlationId;
    if (envelope.note !== undefined) metadata.note = envelope.note;
    metadata.occurredOn = envelope.occurredOn;
    metadata.recordedAt = recordedAt;
    metadata.schemaVersion = schemaVersion;
    return { eventId: newEventId(), type, data, metadata };
  });
};
