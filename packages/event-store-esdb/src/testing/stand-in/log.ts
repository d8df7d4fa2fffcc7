import { randomUUID } from 'node:crypto';
import { createdNow } from './wire';

/** One record of the stand-in's log, as the server would store it. */
export interface StoredEvent {
  streamName: string;
  revision: number;
  position: number;
  id: string;
  type: string;
  contentType: string;
  created: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

/** What an append brings: everything but the numbers the log hands out. */
export type ProposedEvent = Pick<StoredEvent, 'id' | 'type' | 'contentType' | 'data' | 'customMetadata'>;

export interface LogOptions {
  positions?: 'sequential' | 'log';
  systemEvents?: boolean;
  seed?: number;
}

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

const json = (value: unknown): Uint8Array => Uint8Array.from(Buffer.from(JSON.stringify(value), 'utf8'));

/** Where the first position of a `log`-mode stand-in is: past 2^32, so positions need more than 32 bits. */
const LOG_START = 2 ** 33;

/**
 * The stand-in's storage: `$all` as one array in position order, each stream as the
 * array of its events. Whoever follows it (subscriptions) registers a listener and is
 * told after each write; nothing is pushed to them from here.
 */
export class StandInLog {
  readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly listeners = new Set<() => void>();
  /** Events stored by clients (the stand-in's own system events and injected foreign ones not counted). */
  appended = 0;
  private readonly random: () => number;
  private readonly logPositions: boolean;
  private readonly systemEvents: boolean;
  private nextPosition: number;

  constructor(options: LogOptions) {
    this.logPositions = options.positions === 'log';
    this.systemEvents = options.systemEvents ?? this.logPositions;
    this.random = seededRandom(options.seed ?? 1);
    this.nextPosition = this.logPositions ? LOG_START : 1;
    if (this.systemEvents) {
      this.write('$epoch-information', [
        { id: randomUUID(), type: '$epoch', contentType: 'application/json', data: json({ epochNumber: 0, epochId: randomUUID() }), customMetadata: new Uint8Array() },
      ]);
    }
  }

  stream(streamName: string): readonly StoredEvent[] {
    return this.streams.get(streamName) ?? [];
  }

  hasStream(streamName: string): boolean {
    return this.streams.has(streamName);
  }

  onWrite(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Index in `all` of the first event at or after `position`. */
  indexAtOrAfter(position: number): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.all[mid]?.position ?? Number.POSITIVE_INFINITY) < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** A client's append (already checked): numbered, stored, with the server's own traffic around it. */
  appendFromClient(streamName: string, proposed: readonly ProposedEvent[]): StoredEvent[] {
    this.maybeSystemTraffic(undefined);
    const stored = this.write(streamName, proposed);
    this.appended += stored.length;
    this.maybeSystemTraffic(stored[0]);
    return stored;
  }

  /** Another application's event, stored as it comes (any stream, any content type). */
  appendForeign(streamName: string, event: Omit<ProposedEvent, 'id'> & { id?: string }): StoredEvent {
    const [stored] = this.write(streamName, [{ ...event, id: event.id ?? randomUUID() }]);
    if (!stored) throw new Error('nothing stored');
    return stored;
  }

  private write(streamName: string, proposed: readonly ProposedEvent[]): StoredEvent[] {
    const stream = this.streams.get(streamName) ?? [];
    const created = createdNow();
    const stored = proposed.map((event, i): StoredEvent => ({
      ...event,
      streamName,
      revision: stream.length + i,
      position: this.allocatePosition(event),
      created,
    }));
    stream.push(...stored);
    this.streams.set(streamName, stream);
    this.all.push(...stored);
    for (const listener of [...this.listeners]) listener();
    return stored;
  }

  private allocatePosition(event: ProposedEvent): number {
    const position = this.nextPosition;
    this.nextPosition += this.logPositions
      ? 100 + Math.floor(this.random() * 256) + event.data.length + event.customMetadata.length + event.type.length
      : 1;
    return position;
  }

  /** Sometimes (pseudo-randomly) the server's own traffic: statistics, and projections' link events. */
  private maybeSystemTraffic(linked: StoredEvent | undefined): void {
    if (!this.systemEvents) return;
    const empty = new Uint8Array();
    if (this.random() < 0.3) {
      this.write('$stats-127.0.0.1:2113', [
        { id: randomUUID(), type: '$statsCollected', contentType: 'application/json', data: json({ 'proc-mem': this.all.length }), customMetadata: empty },
      ]);
    }
    if (linked && !linked.streamName.startsWith('$') && this.random() < 0.3) {
      const category = linked.streamName.split('-')[0] ?? linked.streamName;
      const data = Uint8Array.from(Buffer.from(`${linked.revision}@${linked.streamName}`, 'utf8'));
      this.write(`$ce-${category}`, [{ id: randomUUID(), type: '$>', contentType: 'application/octet-stream', data, customMetadata: empty }]);
    }
  }
}
