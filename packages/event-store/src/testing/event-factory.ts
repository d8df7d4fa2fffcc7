import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '../envelope';
import { GENESIS_HASH, sealEvents } from '../hash-chain';

export interface TestEventSpec {
  type?: string;
  data?: unknown;
  occurredOn?: string;
  actor?: string;
}

/**
 * Sealed events ready to append, chained onto `prevHash` (default: a new stream).
 * A number gives that many `TestEvent`s numbered from 0.
 */
export const testEvents = (specs: number | readonly TestEventSpec[], prevHash = GENESIS_HASH): EventToAppend[] => {
  const list: readonly TestEventSpec[] =
    typeof specs === 'number' ? Array.from({ length: specs }, (_, n) => ({ data: { n } })) : specs;
  return sealEvents(
    prevHash,
    list.map((spec) => ({
      eventId: randomUUID(),
      type: spec.type ?? 'TestEvent',
      data: spec.data ?? {},
      metadata: {
        occurredOn: spec.occurredOn ?? '2016-08-01',
        recordedAt: '2016-08-01T08:00:00.000Z',
        actor: spec.actor ?? 'tester',
        schemaVersion: 1,
      },
    })),
  );
};

/** The hash to chain the next events onto, given what was appended before. */
export const lastHash = (events: readonly EventToAppend[]): string => events.at(-1)?.metadata.hash ?? GENESIS_HASH;
