import { Writable } from 'node:stream';

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
