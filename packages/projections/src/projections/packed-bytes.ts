/**
 * Bytes written and read a value at a time, for a record that is stored packed rather
 * than as JSON (decision 82): non-negative integers seven bits a byte, signed ones
 * zigzagged first, nullable integers and strings with a tag (a string is written once and
 * then named by its index in the record's table of strings, which starts with strings
 * the format seeds it with), and `YYYY-MM-DD` dates as their difference from the previous
 * date as a number YYYYMMDD (other text kept as text). Errors name what was packed.
 */

/**
 * A string's number in the record being packed: `record` is the packing that numbered it
 * (`SEEDED` for the seeded strings, numbered in every record).
 */
interface Numbered {
  record: number;
  index: number;
}

const SEEDED = -1;

/** Strings a format's every record knows before its first byte. */
export interface SeededStrings {
  readonly strings: readonly string[];
  /**
   * Every string packed lately with its number, the seeded ones first: one map for every
   * record, so that a string is looked up once and a record's table is not a map made and
   * grown again each record (numbers of an earlier record are told apart by `record`).
   */
  readonly numbered: Map<string, Numbered>;
}

const seed = (strings: readonly string[], numbered: Map<string, Numbered>): void => {
  numbered.clear();
  strings.forEach((s, index) => numbered.set(s, { record: SEEDED, index }));
};

export const seededStrings = (strings: readonly string[]): SeededStrings => {
  const numbered = new Map<string, Numbered>();
  seed(strings, numbered);
  return { strings, numbered };
};

/** Strings kept numbered between records (ids, villages, amounts recur): past it the map starts again from the seeded ones. */
const NUMBERED_KEPT = 65_536;

const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Dates unpacked lately, by their number YYYYMMDD: a log's few thousand business dates recur in every record. */
const dateTexts = new Map<number, string>();
const DATES_KEPT = 65_536;

/** `YYYY-MM-DD` of a number YYYYMMDD, made once and kept while fewer than DATES_KEPT are. */
const dateText = (n: number): string => {
  let d = dateTexts.get(n);
  if (d === undefined) {
    const y = Math.floor(n / 10000);
    const md = n % 10000;
    d = `${String(y).padStart(4, '0')}-${String(Math.floor(md / 100)).padStart(2, '0')}-${String(md % 100).padStart(2, '0')}`;
    if (dateTexts.size >= DATES_KEPT) dateTexts.clear();
    dateTexts.set(n, d);
  }
  return d;
};

/** YYYYMMDD of a `YYYY-MM-DD` date, else -1. */
const dateNumber = (d: string): number => {
  if (d.length !== 10 || d.charCodeAt(4) !== 45 || d.charCodeAt(7) !== 45) return -1;
  let n = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = d.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
};

/** Grows as needed and is reused by every record (a record's bytes are copied out at the end). */
let scratch = Buffer.allocUnsafe(4096);

/** The number of the latest record packed: a string numbered under another is new to this record. */
let packed = 0;

export class Packer {
  private bytes = scratch;
  private at = 0;
  private readonly record = ++packed;
  /** The record's own strings so far, numbered after the seeded ones. */
  private own = 0;

  constructor(private readonly seeded: SeededStrings) {
    if (seeded.numbered.size > NUMBERED_KEPT) seed(seeded.strings, seeded.numbered);
  }

  private room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const more = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.at + n));
    this.bytes.copy(more, 0, 0, this.at);
    this.bytes = more;
    scratch = more;
  }

  /** A non-negative integer, seven bits a byte. */
  uint(n: number): void {
    if (this.at + 8 > this.bytes.length) this.room(8);
    if (n >= 0 && n < 128 && (n | 0) === n) {
      this.bytes[this.at++] = n;
      return;
    }
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`packed record: ${n} is not a packable integer`);
    while (n >= 128) {
      this.bytes[this.at++] = (n % 128) + 128;
      n = Math.floor(n / 128);
    }
    this.bytes[this.at++] = n;
  }

  int(n: number): void {
    this.uint(zigzag(n));
  }

  /** 0: null; 1 + zigzag(n) otherwise. */
  nullableInt(n: number | null): void {
    this.uint(n === null ? 0 : 1 + zigzag(n));
  }

  /** 0: null; 1: a new string, its UTF-8 length and bytes; 2 + i: the table's string i. */
  string(s: string | null): void {
    if (s === null) return this.uint(0);
    const known = this.seeded.numbered.get(s);
    if (known !== undefined && (known.record === this.record || known.record === SEEDED)) return this.uint(2 + known.index);
    const index = this.seeded.strings.length + this.own++;
    if (known === undefined) this.seeded.numbered.set(s, { record: this.record, index });
    else {
      known.record = this.record;
      known.index = index;
    }
    this.uint(1);
    if (s.length < 128) {
      // Ids, villages and field parts are ASCII: written a character a byte, without a call into Buffer's native code.
      this.room(s.length + 1);
      const start = this.at;
      this.bytes[this.at++] = s.length;
      let ascii = true;
      for (let i = 0; i < s.length && ascii; i++) {
        const c = s.charCodeAt(i);
        if (c < 128) this.bytes[this.at++] = c;
        else ascii = false;
      }
      if (ascii) return;
      this.at = start;
    }
    const n = Buffer.byteLength(s);
    this.uint(n);
    this.room(n);
    this.at += this.bytes.write(s, this.at, 'utf8');
  }

  /** 0: null; 1: as a string (not a YYYY-MM-DD date); 2 + zigzag(YYYYMMDD − the previous date's). */
  date(d: string | null, previous: { n: number }): void {
    if (d === null) return this.uint(0);
    const n = dateNumber(d);
    if (n < 0) {
      this.uint(1);
      return this.string(d);
    }
    this.uint(2 + zigzag(n - previous.n));
    previous.n = n;
  }

  done(): Buffer {
    return Buffer.from(this.bytes.subarray(0, this.at));
  }
}

export class Unpacker {
  private at = 0;
  private readonly strings: string[];
  /** The bytes as a Buffer, so that a string is read off them in place (no Buffer made for each string). */
  private readonly source: Buffer;

  constructor(
    private readonly bytes: Uint8Array,
    seeded: SeededStrings,
  ) {
    this.strings = [...seeded.strings];
    this.source = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  uint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.bytes.length) throw new Error('packed record: truncated');
      const b = this.bytes[this.at++] as number;
      n += (b % 128) * scale;
      if (b < 128) return n;
      scale *= 128;
    }
  }

  int(): number {
    return unzigzag(this.uint());
  }

  nullableInt(): number | null {
    const z = this.uint();
    return z === 0 ? null : unzigzag(z - 1);
  }

  string(): string | null {
    const tag = this.uint();
    if (tag === 0) return null;
    if (tag >= 2) {
      const s = this.strings[tag - 2];
      if (s === undefined) throw new Error('packed record: unknown string');
      return s;
    }
    const n = this.uint();
    if (this.at + n > this.bytes.length) throw new Error('packed record: truncated');
    const s = this.source.toString('utf8', this.at, this.at + n);
    this.at += n;
    this.strings.push(s);
    return s;
  }

  text(): string {
    const s = this.string();
    if (s === null) throw new Error('packed record: a string is missing');
    return s;
  }

  date(previous: { n: number }): string | null {
    const tag = this.uint();
    if (tag === 0) return null;
    if (tag === 1) return this.text();
    const n = previous.n + unzigzag(tag - 2);
    previous.n = n;
    return dateText(n);
  }

  requiredDate(previous: { n: number }): string {
    const d = this.date(previous);
    if (d === null) throw new Error('packed record: a date is missing');
    return d;
  }

  end(): void {
    if (this.at !== this.bytes.length) throw new Error('packed record: bytes after the end');
  }
}
