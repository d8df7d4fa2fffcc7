import { once } from 'node:events';
import { Writable } from 'node:stream';

/**
 * Encodes lines straight into a buffer and hands the stream one buffer per ~256 KB:
 * cheaper than concatenating strings (which V8 must flatten and re-encode on write).
 */
export class LineWriter {
  private static readonly SIZE = 1 << 18;
  private buf = Buffer.allocUnsafe(LineWriter.SIZE);
  private used = 0;
  bytes = 0;

  constructor(private readonly out: Writable) {}

  get full(): boolean {
    return this.used >= LineWriter.SIZE - (LineWriter.SIZE >> 3);
  }

  add(line: string): void {
    const room = this.buf.length - this.used;
    if (line.length * 3 + 1 > room) {
      // Rare: a line that may not fit. Grow into a fresh, larger buffer.
      const bigger = Buffer.allocUnsafe(Math.max(LineWriter.SIZE, this.used + line.length * 3 + 1));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    this.used += this.buf.write(line, this.used, 'utf8');
    this.buf[this.used++] = 10;
  }

  /** Writes bytes that already hold whole lines, after the lines added before them. */
  async addBytes(chunk: Buffer): Promise<void> {
    await this.flush();
    this.bytes += chunk.length;
    await write(this.out, chunk);
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    const chunk = this.buf.subarray(0, this.used);
    this.bytes += this.used;
    this.buf = Buffer.allocUnsafe(LineWriter.SIZE);
    this.used = 0;
    await write(this.out, chunk);
  }
}

/** Writes `data`, waiting for 'drain' when the stream asks for it. */
export const write = async (out: Writable, data: string | Buffer): Promise<void> => {
  if (!out.write(data)) await once(out, 'drain');
};

export const finish = async (out: Writable): Promise<void> => {
  const done = once(out, 'finish');
  out.end();
  await done;
};
