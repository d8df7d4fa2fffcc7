import { assertDistinctEventIds, validateAppend } from './append-validation';
import { SubscriptionRegistry } from './subscription-registry';
import { DuplicateEventIdError } from './duplicate-event-id-error';
import type { EventToAppend, RecordedEvent } from './envelope';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  IssuedPositions,
  ReadAllOptions,
  ReadStreamOptions,
  StreamAppend,
  SubscribeToAllOptions,
  Subscription,
} from './event-store';
import { assertExpectedVersion } from './expected-version';
import { normaliseAllRead, normaliseStreamRead } from './read-options';

/**
 * The reference adapter for tests and demos. Behaves like the SQLite one, including
 * that stored events are copies made through JSON (what you read back is what a
 * persistent store would give you), deep-frozen so that a caller cannot rewrite history.
 */
export class InMemoryEventStore implements EventStore {
  /** Index i holds position i + 1. */
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly eventIds = new Set<string>();
  private readonly subscriptions = new SubscriptionRegistry({ readAll: (read) => this.readAll(read), pageSize: 500 });
  private closed = false;

  /** Nothing is ever removed from the log, so its length is the highest position handed out. */
  readonly issuedPositions: IssuedPositions = {
    highest: async () => {
      this.assertOpen();
      return this.log.length;
    },
  };

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    return this.commit([{ streamId, expectedVersion: expected, events }])[0] as AppendResult;
  }

  async appendBatch(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    return this.commit(appends);
  }

  async readStream(streamId: string, opts?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { fromVersion, maxCount } = normaliseStreamRead(opts);
    const stream = this.streams.get(streamId) ?? [];
    return stream.slice(fromVersion, maxCount === Infinity ? undefined : fromVersion + maxCount);
  }

  async streamVersion(streamId: string): Promise<number> {
    this.assertOpen();
    return this.versionOf(streamId);
  }

  async readAll(opts?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { after, maxCount, types } = normaliseAllRead(opts);
    const wanted = types && new Set(types);
    const result: RecordedEvent[] = [];
    for (let i = after; i < this.log.length && result.length < maxCount; i++) {
      const event = this.log[i] as RecordedEvent;
      if (!wanted || wanted.has(event.type)) result.push(event);
    }
    return result;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.log.length;
  }

  subscribeToAll(opts: SubscribeToAllOptions): Subscription {
    this.assertOpen();
    return this.subscriptions.open(opts);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.closeAll();
  }

  /** Checks everything first and only then writes, so a failed batch leaves no trace. */
  private commit(appends: readonly StreamAppend[]): AppendResult[] {
    this.assertOpen();
    for (const a of appends) validateAppend(a.streamId, a.events, a.expectedVersion);
    assertDistinctEventIds(appends.flatMap((a) => a.events));
    const staged = new Map<string, number>();
    for (const a of appends) {
      const actual = staged.get(a.streamId) ?? this.versionOf(a.streamId);
      assertExpectedVersion(a.streamId, a.expectedVersion, actual);
      for (const { eventId } of a.events) {
        if (this.eventIds.has(eventId)) throw new DuplicateEventIdError(eventId);
      }
      staged.set(a.streamId, actual + a.events.length);
    }
    const results = appends.map((a) => this.write(a));
    this.subscriptions.appended(appends);
    return results;
  }

  private write({ streamId, events }: StreamAppend): AppendResult {
    let stream = this.streams.get(streamId);
    if (!stream) {
      stream = [];
      if (events.length > 0) this.streams.set(streamId, stream);
    }
    for (const event of events) {
      const recorded = deepFreeze(
        JSON.parse(
          JSON.stringify({
            eventId: event.eventId,
            type: event.type,
            data: event.data,
            metadata: event.metadata,
            streamId,
            streamVersion: stream.length,
            position: this.log.length + 1,
          }),
        ) as RecordedEvent,
      );
      stream.push(recorded);
      this.log.push(recorded);
      this.eventIds.add(recorded.eventId);
    }
    return { nextExpectedVersion: stream.length - 1, lastPosition: stream.at(-1)?.position ?? 0 };
  }

  private versionOf(streamId: string): number {
    return (this.streams.get(streamId)?.length ?? 0) - 1;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InMemoryEventStore is closed');
  }
}

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
};
