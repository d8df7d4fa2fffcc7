import type { AllStreamResolvedEvent, AllStreamSubscription } from '@kurrent/kurrentdb-client';
import { StoreUnavailableError, type RecordedEvent, type SubscribeToAllOptions, type Subscription } from '@hearth/event-store';

const CAUGHT_UP = Symbol('caught-up');

export interface SubscriptionWiring {
  subscribe(): AllStreamSubscription;
  /** `undefined` for what the store does not show (system, foreign, other namespaces). */
  toRecorded(resolved: AllStreamResolvedEvent): RecordedEvent | undefined;
  onClosed(): void;
}

/**
 * A catch-up subscription on `$all`. Events are taken one at a time from the client's
 * stream (async iteration, so the client's buffer applies backpressure) and `onEvent` is
 * awaited before the next. The server's caught-up message (EventStoreDB 23.10 and later)
 * is turned into a marker pushed into the same stream, so `onCaughtUp` runs exactly after
 * the events that preceded it on the wire. A dropped connection ends it through `onError`
 * (the port's contract: whoever subscribed resubscribes from its checkpoint), and so does
 * a server that ends the call itself (decision 0208).
 */
export class EsdbSubscription implements Subscription {
  private stream: AllStreamSubscription | undefined;
  private closed = false;
  private caughtUp = false;
  private inFlight: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly options: SubscribeToAllOptions,
    private readonly wiring: SubscriptionWiring,
  ) {}

  start(): void {
    const stream = this.wiring.subscribe();
    this.stream = stream;
    stream.on('caughtUp', () => {
      if (!stream.destroyed) stream.push(CAUGHT_UP);
    });
    void this.run(stream);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      const stream = this.stream;
      if (stream) {
        await stream.unsubscribe();
        stream.destroy();
      }
      await this.inFlight?.catch(() => undefined);
      this.wiring.onClosed();
    })();
    return this.closing;
  }

  private async run(stream: AllStreamSubscription): Promise<void> {
    const after = this.options.after ?? 0;
    const wanted = this.options.types === undefined ? undefined : new Set(this.options.types);
    try {
      for await (const item of stream as AsyncIterable<AllStreamResolvedEvent | typeof CAUGHT_UP>) {
        if (this.closed) return;
        if (item === CAUGHT_UP) {
          if (!this.caughtUp) {
            this.caughtUp = true;
            this.options.onCaughtUp?.();
          }
          continue;
        }
        const event = this.wiring.toRecorded(item);
        if (!event || event.position <= after || (wanted !== undefined && !wanted.has(event.type))) continue;
        this.inFlight = Promise.resolve(this.options.onEvent(event));
        await this.inFlight;
      }
    } catch (error) {
      if (!this.closed) this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    // A server shutting down drops every $all subscription as "Unsubscribed" and ends the
    // call with status OK: the stream just ends. Left silent, a projection would stop
    // following with nothing reported; the subscriber must resubscribe as after a drop.
    if (!this.closed) this.fail(serverEnded());
  }

  private fail(error: Error): void {
    void this.close();
    if (this.options.onError) this.options.onError(error);
    else
      setImmediate(() => {
        throw error;
      });
  }
}

const serverEnded = (): StoreUnavailableError =>
  new StoreUnavailableError('the server ended the subscription to $all (as a node shutting down does): resubscribe from the last event handled');
