import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A Writable that keeps everything written to it, optionally slow (to exercise backpressure). */
export class Collector extends Writable {
  private readonly chunks: Buffer[] = [];
  /** The largest amount buffered in the stream at any write: stays near highWaterMark when the writer respects backpressure. */
  maxBuffered = 0;

  constructor(private readonly slow = false, highWaterMark = 1 << 16) {
    super({ highWaterMark });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.chunks.push(chunk);
    this.maxBuffered = Math.max(this.maxBuffered, this.writableLength);
    if (this.slow) setImmediate(cb);
    else cb();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** A Writable that only counts bytes and lines, holding nothing. */
export class Counter extends Writable {
  bytes = 0;
  lines = 0;

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.bytes += chunk.length;
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) this.lines++;
    setImmediate(cb);
  }
}

/**
 * A full collection, whether or not node runs with --expose-gc: the flag set now applies to
 * contexts made after, and a new context's global `gc` collects the whole heap.
 */
const collectGarbage = (): (() => void) => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
};

/**
 * A Counter that also keeps the largest heap the writer holds while it writes: every
 * `every` chunks, the heap in use after a full collection, so that garbage not yet
 * collected does not count.
 */
export class HeapWatcher extends Counter {
  peakHeap = 0;
  private chunks = 0;
  private readonly gc = collectGarbage();

  constructor(private readonly every = 64) {
    super();
  }

  /** The heap in use after a full collection. */
  heapNow(): number {
    this.gc();
    return process.memoryUsage().heapUsed;
  }

  override _write(chunk: Buffer, enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    if (this.chunks++ % this.every === 0) this.peakHeap = Math.max(this.peakHeap, this.heapNow());
    super._write(chunk, enc, cb);
  }
}
