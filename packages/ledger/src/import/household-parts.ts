import { appendFile, open } from 'node:fs/promises';
import { join } from 'node:path';

/** Characters of lines held before they are appended to their parts' files. */
const SPILL_CHARS = 16 << 20;
/** Bytes of output handed on at a time. */
const OUT_CHUNK = 1 << 20;
const TAB = 0x09;
const LF = 0x0a;
const ZERO = 0x30;

/**
 * Lines kept on disk by part: a part holds the lines of a run of households numbered in
 * order of first appearance (`householdsPerPart` of them), so a part is all a regrouping
 * holds in memory at once. Each line is stored after its household's number, so a part
 * can be put in household order without parsing its commands again — and as bytes, never
 * as strings: a part is read into one buffer kept from part to part, ordered by a
 * counting sort on the household (stable), and copied out in chunks, so the garbage
 * collector has next to nothing to do (decoded into strings, the full region's parts left
 * the collector ~0.9 GB of garbage to let pile up).
 */
export class HouseholdParts {
  private pending = new Map<number, string[]>();
  private pendingChars = 0;
  private parts = 0;
  private buffer = Buffer.alloc(0);

  constructor(
    private readonly dir: string,
    private readonly householdsPerPart: number,
  ) {}

  get full(): boolean {
    return this.pendingChars >= SPILL_CHARS;
  }

  add(household: number, text: string): void {
    const part = Math.floor(household / this.householdsPerPart);
    const entry = `${household}\t${text}\n`;
    const lines = this.pending.get(part);
    if (lines === undefined) this.pending.set(part, [entry]);
    else lines.push(entry);
    this.pendingChars += entry.length;
    this.parts = Math.max(this.parts, part + 1);
  }

  async spill(): Promise<void> {
    const pending = this.pending;
    this.pending = new Map();
    this.pendingChars = 0;
    for (const [part, lines] of pending) await appendFile(this.path(part), lines.join(''), 'utf8');
  }

  /** How many parts there are: households are numbered from 0, so every part below the last has lines. */
  get count(): number {
    return this.parts;
  }

  /**
   * Hands `write` a part's lines, each ending in a newline, its households in order of
   * first appearance and each household's lines in the order they were added; answers how
   * many. A chunk handed on is never written to again.
   */
  async writeSorted(part: number, write: (chunk: Buffer) => Promise<void>): Promise<number> {
    const size = await this.read(part);
    const bytes = this.buffer;
    const first = part * this.householdsPerPart;
    const keys: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    for (let at = 0; at < size; ) {
      let household = 0;
      let i = at;
      for (; bytes[i] !== TAB; i++) household = household * 10 + ((bytes[i] as number) - ZERO);
      const end = bytes.indexOf(LF, i);
      keys.push(household - first);
      starts.push(i + 1);
      ends.push(end + 1);
      at = end + 1;
    }
    const next = new Int32Array(this.householdsPerPart + 1);
    for (const k of keys) next[k + 1] = (next[k + 1] as number) + 1;
    for (let k = 1; k <= this.householdsPerPart; k++) next[k] = (next[k] as number) + (next[k - 1] as number);
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
