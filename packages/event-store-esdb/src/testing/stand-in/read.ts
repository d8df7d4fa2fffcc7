import * as grpc from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import type { FaultPlan } from './faults';
import { filterOf, type Matcher } from './filter';
import type { StandInLog, StoredEvent } from './log';
import type { StandInSubscriptions } from './subscriptions';
import { eventResponse, grpcError, identifier, streamNameOf, toCount } from './wire';

export interface ReadContext {
  log: StandInLog;
  faults: FaultPlan;
  subscriptions: StandInSubscriptions;
  calls: { read: number; subscribe: number; eventsRead: number };
}

/**
 * `Streams.Read`: reads of a stream or of `$all`, both directions, with a count and a
 * filter; a read with subscription options is handed to the subscriptions.
 */
export const serveRead = (call: grpc.ServerWritableStream<ReadReq, ReadResp>, context: ReadContext): void => {
  const options = call.request.getOptions();
  if (!options) {
    call.emit('error', grpcError(grpc.status.INVALID_ARGUMENT, 'read without options'));
    return;
  }
  if (options.hasUuidOption() && options.getUuidOption()?.hasStructured()) {
    call.emit('error', grpcError(grpc.status.UNIMPLEMENTED, 'the stand-in sends uuids as strings only'));
    return;
  }
  let matches: Matcher;
  try {
    matches = filterOf(options);
  } catch (error) {
    call.emit('error', grpcError(grpc.status.INVALID_ARGUMENT, (error as Error).message));
    return;
  }
  const subscription = options.hasSubscription();
  if (subscription) context.calls.subscribe += 1;
  else context.calls.read += 1;
  const fault = context.faults.take(subscription ? 'subscribe' : 'read');
  if (fault) {
    call.emit('error', fault);
    return;
  }
  if (subscription) {
    context.subscriptions.open(call, options, matches);
    return;
  }
  const selected = select(context.log, options, call);
  if (selected === undefined) return;
  const count = options.hasCount() ? toCount(options.getCount()) : Number.POSITIVE_INFINITY;
  sendRead(call, selected[Symbol.iterator](), count, matches, context.calls);
};

/** Events sent in one turn of the event loop before the read lets other calls (and a client's hang-up) through. */
const SEND_BATCH = 64;

/**
 * Sends a read's events as a server streams them: while the call takes more (HTTP/2 flow
 * control, the call's own buffer), then again at `drain`; a batch a turn of the event
 * loop, so that other calls are served meanwhile and a client that hangs up stops the
 * read. Written all at once, a read of a large log from a client that reads slowly (or
 * many reads at once) would sit in the stand-in's memory until it stopped answering.
 */
const sendRead = (
  call: grpc.ServerWritableStream<ReadReq, ReadResp>,
  events: Iterator<StoredEvent>,
  count: number,
  matches: Matcher,
  calls: { eventsRead: number },
): void => {
  let sent = 0;
  let gone = false;
  // Counted across drains too: a closed call drains at once, and only a turn of the loop delivers its hang-up.
  let sinceTurn = 0;
  call.once('cancelled', () => (gone = true));
  const send = (): void => {
    while (!gone && sent < count) {
      if (sinceTurn === SEND_BATCH) {
        sinceTurn = 0;
        setImmediate(send);
        return;
      }
      const next = events.next();
      if (next.done) break;
      if (!matches(next.value)) continue;
      sent += 1;
      sinceTurn += 1;
      calls.eventsRead += 1;
      if (!call.write(eventResponse(next.value))) {
        call.once('drain', send);
        return;
      }
    }
    if (!gone) call.end();
  };
  send();
};

/** The events a read walks through, in its direction; `undefined` once a missing stream was answered. */
const select = (log: StandInLog, options: ReadReq.Options, call: grpc.ServerWritableStream<ReadReq, ReadResp>): Iterable<StoredEvent> | undefined => {
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  if (options.hasStream()) {
    const streamOptions = options.getStream();
    const streamName = streamNameOf(streamOptions?.getStreamIdentifier());
    if (!log.hasStream(streamName)) {
      const notFound = new ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(identifier(streamName));
      call.write(new ReadResp().setStreamNotFound(notFound));
      call.end();
      return undefined;
    }
    const stream = log.stream(streamName);
    if (backwards) {
      const from = streamOptions?.hasRevision() ? Number(streamOptions.getRevision()) : stream.length - 1;
      return walk(stream, Math.min(from, stream.length - 1), -1);
    }
    const from = streamOptions?.hasRevision() ? Number(streamOptions.getRevision()) : streamOptions?.hasEnd() ? stream.length : 0;
    return walk(stream, from, 1);
  }
  const all = options.getAll();
  const position = all?.hasPosition() ? Number(all.getPosition()?.getCommitPosition()) : undefined;
  if (backwards) {
    // Backwards from a position: the events before it (the position is exclusive).
    const end = position === undefined || all?.hasEnd() ? log.all.length : log.indexAtOrAfter(position);
    return walk(log.all, end - 1, -1);
  }
  // Forwards from a position: the event at it included.
  const start = position === undefined ? (all?.hasEnd() ? log.all.length : 0) : log.indexAtOrAfter(position);
  return walk(log.all, start, 1);
};

/** The events from index `from` on, one step at a time (no copy of a large log per page). */
function* walk(events: readonly StoredEvent[], from: number, step: 1 | -1): Generator<StoredEvent> {
  for (let i = from; i >= 0 && i < events.length; i += step) {
    const event = events[i];
    if (event) yield event;
  }
}
