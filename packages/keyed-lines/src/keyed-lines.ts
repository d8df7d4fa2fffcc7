import { appendFile, mkdtemp, open, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Characters of lines held before they are appended to their parts' files. */
const SPILL_CHARS = 16 << 20;
/** Bytes of output handed on at a time. */
const OUT_CHUNK = 1 << 20;
const TAB = 0x09;
const LF = 0x0a;
const ZERO = 0x30;

/**
 * Lines to be written out in the order of a whole-number key, a line's ties in the order
 * they were added, in memory bounded by one part: a part holds the keys
 * [p·keysPerPart, (p+1)·keysPerPart). Lines go first to a scratch file a part; then each
 * part is read back, ordered and handed on, one at a time. Used to write a log sorted by
 * day (the simulator's date order) and an import file regrouped by household (its
 * households ranked by id).
 *
 * A line is stored after its key, so a part is ordered without parsing its lines again,
 * and ordered as bytes, never as strings: it is read into one buffer kept from part to
 * part, sorted by a counting sort on the key (stable) and copied out in chunks, so the
 * garbage collector has next to nothing to do. (Decoded into strings, split and sorted,
 * the full region's parts and spans left the collector gigabytes of garbage to let pile
 * up: 0.9 GB of peak RSS for a regrouping, 3.0 GB for `hearth generate --order date`.)
 */
export class KeyedLines {
  private pending = new Map<number, string[]>();
  private pendingChars = 0;
  private readonly written = new Set<number>();
  private buffer = Buffer.alloc(0);

  private constructor(
    private readonly dir: string,
    private readonly keysPerPart: number,
  ) {}

  /**
   * Runs `f` with lines kept in a directory of their own made in `scratchDir`, removed
   * when `f` ends, also when it fails.
   */
  static async within<T>(scratchDir: string, prefix: string, keysPerPart: number, f: (lines: KeyedLines) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(join(scratchDir, prefix));
    try {
      return await f(new KeyedLines(dir, keysPerPart));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Enough lines are held to be worth spilling (`spill`). */
  get full(): boolean {
    return this.pendingChars >= SPILL_CHARS;
  }

  /**
   * Adds a line (without its newline) under a key, a whole number of at least 0. Anything else
   * is refused with a RangeError: a fraction was read back as another key, a negative or
   * huge one made a part of its own, and a newline split the line in two when sorted.
   */
  add(key: number, text: string): void {
    if (!Number.isSafeInteger(key) || key < 0) throw new RangeError(`a line's key is a whole number of at least 0, not ${key}`);
    if (text.includes('\n')) throw new RangeError('a line is added without its newline, and holds none');
    const part = Math.floor(key / this.keysPerPart);
    const entry = `${key}\t${text}\n`;
    const lines = this.pending.get(part);
    if (lines === undefined) this.pending.set(part, [entry]);
    else lines.push(entry);
    this.pendingChars += entry.length;
  }

  /** Appends the lines held to their parts' files. */
  async spill(): Promise<void> {
    const pending = this.pending;
    this.pending = new Map();
    this.pendingChars = 0;
    for (const [part, lines] of pending) {
      this.written.add(part);
      await appendFile(this.path(part), lines.join(''), 'utf8');
    }
  }

  /** The parts that hold lines, lowest keys first (after `spill`). */
  parts(): number[] {
    return [...this.written].sort((a, b) => a - b);
  }

  /**
   * Hands `write` a part's lines, each ending in a newline, in the order of their keys and
   * each key's in the order they were added; answers how many. A chunk handed on is never
   * written to again.
   */
  async writeSorted(part: number, write: (chunk: Buffer) => Promise<void>): Promise<number> {
    const size = await this.read(part);
    const bytes = this.buffer;
    const first = part * this.keysPerPart;
    const keys: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    for (let at = 0; at < size; ) {
      let key = 0;
      let i = at;
      for (; i < size && bytes[i] !== TAB; i++) key = key * 10 + ((bytes[i] as number) - ZERO);
      const end = bytes.indexOf(LF, i);
      // The buffer is kept from part to part: past `size` lie an earlier part's bytes.
      if (i >= size || end === -1 || end >= size) throw new Error(`scratch file ${this.path(part)} is damaged at byte ${at}: a line without its key or its newline`);
      keys.push(key - first);
      starts.push(i + 1);
      ends.push(end + 1);
      at = end + 1;
    }
    // Counting sort: next[k] starts as how many lines have a key below k, where the first line of key k goes.
    const next = new Int32Array(this.keysPerPart + 1);
    for (const k of keys) next[k + 1] = (next[k + 1] as number) + 1;
    for (let k = 1; k <= this.keysPerPart; k++) next[k] = (next[k] as number) + (next[k - 1] as number);
    const order = new Int32Array(keys.length);
    for (let line = 0; line < keys.length; line++) {
      const k = keys[line] as number;
      order[next[k] as number] = line;
      next[k] = (next[k] as number) + 1;
    }

    let chunk = Buffer.allocUnsafe(OUT_CHUNK);
    let used = 0;
    for (const line of order) {
      const start = starts[line] as number;
      const end = ends[line] as number;
      if (used + end - start > chunk.length) {
        if (used > 0) await write(chunk.subarray(0, used));
        chunk = Buffer.allocUnsafe(Math.max(OUT_CHUNK, end - start));
        used = 0;
      }
      used += bytes.copy(chunk, used, start, end);
    }
    if (used > 0) await write(chunk.subarray(0, used));
    return keys.length;
  }

  /** Reads a part's file into the kept buffer (grown when too small); answers its size. */
  private async read(part: number): Promise<number> {
    const file = await open(this.path(part), 'r');
    try {
      const { size } = await file.stat();
      if (this.buffer.length < size) this.buffer = Buffer.allocUnsafe(size);
      for (let at = 0; at < size; ) {
        const { bytesRead } = await file.read(this.buffer, at, size - at, at);
        if (bytesRead === 0) throw new Error(`scratch file ${this.path(part)} ended at ${at} of ${size} bytes`);
        at += bytesRead;
      }
      return size;
    } finally {
      await file.close();
    }
  }

  private path(part: number): string {
    return join(this.dir, `part-${part}.lines`);
  }
}
