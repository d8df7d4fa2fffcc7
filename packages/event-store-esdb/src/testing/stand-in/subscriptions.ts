import type * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { ReadReq, ReadResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { droppedConnection, type FaultPlan } from './faults';
import type { Matcher } from './filter';
import type { StandInLog, StoredEvent } from './log';
import { eventResponse, streamNameOf } from './wire';

type SubscriptionCall = grpc.ServerWritableStream<ReadReq, ReadResp>;

/**
 * Catch-up subscriptions to a stream or to `$all`: a confirmation, the stored events
 * after the starting point, one caught-up message, then every later event as it is
 * written. Each subscription is a cursor over the log that a pump moves forward while
 * the call accepts writes (it waits for `drain` otherwise), so a catch-up over a large
 * log does not sit in memory at once, and the switch to live needs no hand-over: live
 * events are simply the ones the cursor finds next.
 */
export class StandInSubscriptions {
  private readonly live = new Set<CursorSubscription>();

  constructor(
    private readonly log: StandInLog,
    private readonly faults: FaultPlan,
  ) {}

  get count(): number {
    return this.live.size;
  }

  open(call: SubscriptionCall, options: ReadReq.Options, matches: Matcher): void {
    const subscription = new CursorSubscription(call, this.log, this.faults, options, matches, () => this.live.delete(subscription));
    this.live.add(subscription);
    subscription.start();
  }

  endAll(): void {
    for (const subscription of [...this.live]) subscription.end();
  }
}

class CursorSubscription {
  private readonly events: () => readonly StoredEvent[];
  private cursor: number;
  private caughtUp = false;
  private waitingForDrain = false;
  private finished = false;
  /** Events still to send before an injected drop; undefined: no drop planned. */
  private dropIn: number | undefined;
  /** Whether that drop ends the call with status OK (a server's own end) rather than as a lost connection. */
  private dropGracefully = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly call: SubscriptionCall,
    log: StandInLog,
    faults: FaultPlan,
    options: ReadReq.Options,
    private readonly matches: Matcher,
    private readonly onFinished: () => void,
  ) {
    // A subscription starts *after* the given revision / position.
    if (options.hasStream()) {
      const streamOptions = options.getStream();
      const streamName = streamNameOf(streamOptions?.getStreamIdentifier());
      this.events = () => log.stream(streamName);
      const length = log.stream(streamName).length;
      this.cursor = streamOptions?.hasRevision() ? Number(streamOptions.getRevision()) + 1 : streamOptions?.hasEnd() ? length : 0;
    } else {
      const all = options.getAll();
      this.events = () => log.all;
      this.cursor = all?.hasPosition()
        ? log.indexAtOrAfter(Number(all.getPosition()?.getCommitPosition()) + 1)
        : all?.hasEnd()
          ? log.all.length
          : 0;
    }
    this.dropIn = faults.takeNextDrop();
    this.cleanups.push(log.onWrite(() => this.pump()));
    this.cleanups.push(
      faults.register(({ afterEvents, graceful }) => {
        this.dropGracefully = graceful;
        if (afterEvents <= 0) this.drop();
        else this.dropIn = afterEvents;
      }),
    );
    const finish = (): void => this.finish();
    call.on('cancelled', finish);
    call.on('close', finish);
    call.on('error', finish);
  }

  start(): void {
    const confirmation = new ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(randomUUID());
    this.call.write(new ReadResp().setConfirmation(confirmation));
    this.pump();
  }

  /** Ends the call with status OK, as a server does to its subscriptions when it shuts down. */
  end(): void {
    if (this.finished) return;
    this.finish();
    this.call.end();
  }

  private pump(): void {
    if (this.finished || this.waitingForDrain) return;
    const events = this.events();
    while (this.cursor < events.length) {
      const event = events[this.cursor];
      this.cursor += 1;
      if (!event || !this.matches(event)) continue;
      const more = this.call.write(eventResponse(event));
      if (this.dropIn !== undefined && --this.dropIn <= 0) return this.drop();
      if (!more) {
        this.waitingForDrain = true;
        this.call.once('drain', () => {
          this.waitingForDrain = false;
          this.pump();
        });
        return;
      }
    }
    if (!this.caughtUp) {
      this.caughtUp = true;
      this.call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
    }
  }

  /** An injected drop: as the server ending the call, or as a lost connection. */
  private drop(): void {
    if (this.dropGracefully) this.end();
    else this.fail();
  }

  /** As a lost connection: the call ends with UNAVAILABLE. */
  private fail(): void {
    if (this.finished) return;
    this.finish();
    this.call.emit('error', droppedConnection());
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const cleanup of this.cleanups) cleanup();
    this.onFinished();
  }
}
