import { APPEND_TOO_LARGE, type AppendLimit, type AppendOverLimit, type EventToAppend } from '@hearth/event-store';

/**
 * The `MaxAppendSize` assumed when none is given: 1 MiB for one append, all its events
 * together. It was the server's default up to 24.10 and is the most cautious figure;
 * current servers take 256 MiB an append (and 16 MiB an event, MaxAppendEventSize).
 */
export const DEFAULT_MAX_APPEND_SIZE = 1_048_576;

/** A current server's default `MaxAppendEventSize`, the most one event may carry: 16 MiB. */
export const DEFAULT_MAX_APPEND_EVENT_SIZE = 16_777_216;

/** Which of the server's limits an append is over: its events together, or one event. */
export type ServerSizeLimit = 'MaxAppendSize' | 'MaxAppendEventSize';

/**
 * An append the server would refuse for its size, refused before anything is sent:
 * either one event is over the limit on its own (`eventId` names it; no append can carry
 * it — it must be recorded in smaller pieces), or the events together are (split the
 * append; each part is atomic on its own).
 */
export class AppendSizeLimitError extends RangeError implements AppendOverLimit {
  /**
   * How callers that do not load this package tell it apart (`isAppendOverLimitError`): the input is
   * too large for the store, nothing was stored, and the same append will be refused again
   * (the service answers 413 PAYLOAD_TOO_LARGE).
   */
  readonly code = APPEND_TOO_LARGE;

  constructor(
    readonly streamId: string,
    readonly size: number,
    readonly limit: number,
    readonly eventId: string | undefined,
    readonly eventType: string | undefined,
    /** The server refused it (its limit is lower than the one configured here): nothing was stored. */
    readonly refusedByServer = false,
    /**
     * `MaxAppendEventSize`: a current server refused one event on its own. The client is not
     * told that limit, so `limit` is the server's default then, not necessarily its setting.
     */
    readonly serverLimit: ServerSizeLimit = 'MaxAppendSize',
  ) {
    const outcome = refusedByServer ? 'the server refused it, nothing was stored (set maxAppendSize to the server\'s limit)' : 'nothing was sent';
    super(
      serverLimit === 'MaxAppendEventSize'
        ? `event ${eventId ?? '?'} (${eventType ?? '?'}) in stream ${streamId} is ${size} bytes, over the server's limit for one event (MaxAppendEventSize, ${limit} bytes unless the server sets another); the server refused it, nothing was stored (set maxAppendSize no higher than that limit) — record it in smaller pieces`
        : eventId === undefined
          ? `the append to stream ${streamId} is ${size} bytes, over the server's append limit of ${limit} bytes (maxAppendSize); ${outcome} — append fewer events at a time`
          : `event ${eventId} (${eventType ?? '?'}) in stream ${streamId} is ${size} bytes, over the server's append limit of ${limit} bytes (maxAppendSize); ${outcome} — record it in smaller pieces`,
    );
    this.name = 'AppendSizeLimitError';
  }
}

/**
 * The size the server counts for an event (`Event.SizeOnDisk`): the bytes of its data and
 * metadata as the client sends them (JSON, UTF-8), plus two bytes per character of its type.
 */
export const eventSizeOnDisk = (event: EventToAppend): number =>
  Buffer.byteLength(JSON.stringify(event.data), 'utf8') + Buffer.byteLength(JSON.stringify(event.metadata), 'utf8') + event.type.length * 2;

/**
 * The refusal the server would give this append for its size, or undefined when it fits:
 * the one rule the adapter's own check and the port's `appendLimit` (what the importer
 * measures with) both apply.
 */
export const appendOverLimit = (streamId: string, events: readonly EventToAppend[], limit: number): AppendSizeLimitError | undefined => {
  let total = 0;
  for (const event of events) {
    const size = eventSizeOnDisk(event);
    if (size > limit) return new AppendSizeLimitError(streamId, size, limit, event.eventId, event.type);
    total += size;
  }
  return total > limit ? new AppendSizeLimitError(streamId, total, limit, undefined, undefined) : undefined;
};

/** Throws {@link AppendSizeLimitError} when the server would refuse this append for its size. */
export const assertWithinAppendLimit = (streamId: string, events: readonly EventToAppend[], limit: number): void => {
  const refusal = appendOverLimit(streamId, events, limit);
  if (refusal) throw refusal;
};

/** The port's capability (EventStore.appendLimit) for a server whose limit is `bytes`. */
export const appendLimitOf = (bytes: number): AppendLimit => ({ bytes, sizeOf: eventSizeOnDisk, check: (streamId, events) => appendOverLimit(streamId, events, bytes) });
