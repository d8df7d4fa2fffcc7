import * as grpc from '@grpc/grpc-js';
import { grpcError } from './wire';

/** The calls a fault can be aimed at. */
export type FaultedCall = 'read' | 'subscribe' | 'append' | 'batchAppend';

/**
 * - `unavailable`: the node is unreachable or shutting down (`UNAVAILABLE`);
 * - `not-leader`: a follower refusing a call that needs the leader, naming the leader
 *   (here the stand-in itself), as EventStoreDB does (`NOT_FOUND` with `exception: not-leader`
 *   and the leader's endpoint in the trailers), which makes the client reconnect there;
 * - `timeout`: the call's deadline passed before the node answered: a read fails with
 *   `DEADLINE_EXCEEDED` (as the client's own deadline ends it); a batch append is answered
 *   with the server's `Timeout` status (its prepare or forward timed out), nothing written;
 * - `commit-timeout` (batch appends only): the append is written, but the node answers
 *   `Timeout`, as a server does when the commit is not acknowledged in time (a cluster
 *   slow to replicate): the writer cannot tell it from a `timeout`;
 * - `busy` (batch appends only): the node answers the append "Server Is Busy", as a server
 *   does when it refuses a write it has no room for (`NotHandled`, TooBusy), nothing written.
 */
export type FaultKind = 'unavailable' | 'not-leader' | 'timeout' | 'commit-timeout' | 'busy';

/** Faults a batch append answers as a server does: one append's error status, the shared stream left open. */
export const ANSWERED_FAULTS: ReadonlySet<FaultKind> = new Set(['timeout', 'commit-timeout', 'busy']);

/** When and how `dropSubscriptions` ends the subscriptions open. */
export interface SubscriptionDrop {
  /** Events each still sends first (default 0: now). */
  afterEvents?: number;
  /** End the call with status OK, as a server does, instead of as a lost connection (default false). */
  graceful?: boolean;
}

/** Faults a test injects on demand; every handler asks here before serving. */
export interface StandInFaults {
  /** The next `times` (default 1) calls of that kind fail with `kind` instead of being served. */
  failNext(call: FaultedCall, kind: FaultKind, times?: number): void;
  /**
   * Drops every open subscription now (`afterEvents` omitted) or once it has sent
   * `afterEvents` more events (mid catch-up or live), as a lost connection would: the
   * client sees `UNAVAILABLE`. With `graceful`, the call ends with status OK instead, as a
   * node shutting down ends every subscription to `$all` (dropped as "Unsubscribed").
   * Applies to the subscriptions open at the time of the call.
   */
  dropSubscriptions(options?: SubscriptionDrop): void;
  /**
   * The next subscription opened (the next `times`, default 1) is dropped once it has sent
   * `afterEvents` events: a drop at a chosen point of a catch-up, e.g. to resume from.
   */
  dropNextSubscription(afterEvents: number, times?: number): void;
}

export class FaultPlan implements StandInFaults {
  private readonly pending = new Map<FaultedCall, FaultKind[]>();
  private readonly droppers = new Set<(drop: Required<SubscriptionDrop>) => void>();
  private readonly nextDrops: number[] = [];

  constructor(private readonly leader: () => { host: string; port: number }) {}

  failNext(call: FaultedCall, kind: FaultKind, times = 1): void {
    if ((kind === 'commit-timeout' || kind === 'busy') && call !== 'batchAppend') throw new RangeError(`the stand-in answers ${kind} on batch appends only`);
    const queue = this.pending.get(call) ?? [];
    for (let i = 0; i < times; i++) queue.push(kind);
    this.pending.set(call, queue);
  }

  dropSubscriptions({ afterEvents = 0, graceful = false }: SubscriptionDrop = {}): void {
    for (const drop of [...this.droppers]) drop({ afterEvents, graceful });
  }

  dropNextSubscription(afterEvents: number, times = 1): void {
    if (!Number.isInteger(afterEvents) || afterEvents < 1) throw new RangeError('afterEvents must be an integer >= 1');
    for (let i = 0; i < times; i++) this.nextDrops.push(afterEvents);
  }

  /** For a subscription being opened: after how many events to drop it, if planned. */
  takeNextDrop(): number | undefined {
    return this.nextDrops.shift();
  }

  /** The fault due for this call, if any (taken: the next call gets the next one). */
  takeKind(call: FaultedCall): FaultKind | undefined {
    return this.pending.get(call)?.shift();
  }

  /** The error to answer this call with, if a fault is due. */
  take(call: FaultedCall): grpc.ServiceError | undefined {
    const kind = this.takeKind(call);
    return kind === undefined ? undefined : this.errorOf(kind);
  }

  /** The gRPC error a call fails with for a fault that ends the whole call. */
  errorOf(kind: FaultKind): grpc.ServiceError {
    if (kind === 'timeout' || kind === 'commit-timeout') return grpcError(grpc.status.DEADLINE_EXCEEDED, 'Deadline Exceeded (injected fault)');
    if (kind === 'busy') return grpcError(grpc.status.UNAVAILABLE, 'Server Is Busy (injected fault)');
    if (kind === 'unavailable') return grpcError(grpc.status.UNAVAILABLE, 'the stand-in is unavailable (injected fault)');
    const { host, port } = this.leader();
    return grpcError(grpc.status.NOT_FOUND, 'Leader info available (injected fault: this node is not the leader)', {
      exception: 'not-leader',
      'leader-endpoint-host': host,
      'leader-endpoint-port': String(port),
    });
  }

  /** A subscription registers how to drop it; the returned function unregisters it. */
  register(drop: (drop: Required<SubscriptionDrop>) => void): () => void {
    this.droppers.add(drop);
    return () => this.droppers.delete(drop);
  }
}

/** The error a dropped subscription ends with. */
export const droppedConnection = (): grpc.ServiceError =>
  grpcError(grpc.status.UNAVAILABLE, 'connection dropped by the stand-in (injected fault)');
