/**
 * The writer canonical JSON is written with (canonical-json.ts holds the rules it
 * follows): UTF-8 bytes in one growing buffer that callers take in turn, hashed in place
 * by the seal and read back as text (docs/decisions/0102).
 */
/**
 * Thrown inside the writer; each enclosing array or object adds its step on the way
 * out (innermost first), so no path is built unless a value is refused: building one
 * for every member cost more than writing the member.
 */
export class Unwritable {
  readonly where: string[] = [];
  constructor(readonly reason: string) {}
}

/** Node's Buffer decoders behind `toString` (present on every Buffer, absent from its declared type). */
interface Decoders {
  latin1Slice(from: number, to: number): string;
  utf8Slice(from: number, to: number): string;
}

const KEPT_BYTES = 1 << 20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * A growing byte buffer that canonical JSON is written into, and the text written so far
 * read back (`text`) or hashed in place (`bytes`). One writer is shared by every caller
 * in turn (`take`, `release`); a caller that finds it taken — a `toJSON` that writes
 * canonical JSON itself — gets a writer of its own.
 */
export class CanonicalWriter {
  private static readonly shared = new CanonicalWriter();
  private taken = false;
  /** The buffer; its first `length` bytes are what was written since `reset`. */
  bytes: Buffer = Buffer.allocUnsafe(16_384);
  length = 0;
  /** A byte ≥ 0x80 was written since `reset`: the text is read back as UTF-8, not one byte a character. */
  private wide = false;

  static take(): CanonicalWriter {
    const shared = CanonicalWriter.shared;
    const writer = shared.taken ? new CanonicalWriter() : shared;
    writer.taken = true;
    writer.reset();
    return writer;
  }

  /** Given back; a buffer grown past 1 MiB for one large value (an audit anchor's statement) is not kept for the process's life. */
  release(): void {
    this.taken = false;
    if (this.bytes.length > KEPT_BYTES) this.bytes = Buffer.allocUnsafe(16_384);
  }

  reset(): void {
    this.length = 0;
    this.wide = false;
  }

  /** The text of bytes `from` to `to` (Buffer's own decoders: `toString` would look the encoding up by name each time). */
  text(from: number, to: number): string {
    const bytes = this.bytes as Buffer & Decoders;
    return this.wide ? bytes.utf8Slice(from, to) : bytes.latin1Slice(from, to);
  }

  /** `text` as is (UTF-8), no quotes, no escapes. */
  raw(text: string): void {
    const n = text.length;
    this.room(n * 3);
    const b = this.bytes;
    const start = this.length;
    let p = start;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        this.wide = true;
        this.length = start + b.write(text, start, 'utf8');
        return;
      }
      b[p++] = c;
    }
    this.length = p;
  }

  /** Bytes `from` to `to` of this buffer again, at its end. */
  repeat(from: number, to: number): void {
    this.room(to - from);
    this.bytes.copyWithin(this.length, from, to);
    this.length += to - from;
  }

  /**
   * `JSON.stringify(text)`: the text quoted, as is when every character is ASCII and none
   * needs escaping — none below U+0020, no `"` or `\` — which is almost every text an
   * event holds; the engine's own writer's text, as UTF-8, otherwise.
   */
  string(text: string): void {
    const n = text.length;
    this.room(n + 2);
    const b = this.bytes;
    const start = this.length;
    let p = start;
    b[p++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c >= 0x80 || c === QUOTE || c === BACKSLASH) {
        this.length = start;
        this.raw(JSON.stringify(text));
        return;
      }
      b[p++] = c;
    }
    b[p++] = QUOTE;
    this.length = p;
  }

  /** `value`'s canonical JSON; false (nothing written) for `undefined` after `toJSON`. */
  value(input: unknown): boolean {
    const value = hasToJson(input) ? input.toJSON() : input;
    switch (typeof value) {
      case 'undefined':
        return false;
      case 'string':
        this.string(value);
        return true;
      case 'boolean':
        this.raw(value ? 'true' : 'false');
        return true;
      case 'number':
        this.number(value);
        return true;
      case 'bigint':
      case 'function':
      case 'symbol':
        throw new Unwritable(`unsupported type ${typeof value}`);
      case 'object':
        if (value === null) this.raw('null');
        else if (Array.isArray(value)) this.array(value);
        else this.object(value as Record<string, unknown>);
        return true;
    }
  }

  /** A finite number's JSON text is its string conversion (-0 included: both write "0"); small integers without a string. */
  private number(value: number): void {
    if (!Number.isFinite(value)) throw new Unwritable(`non-finite number ${value}`);
    if (!(Number.isInteger(value) && value >= 0 && value < 1e9)) {
      this.raw(`${value}`);
      return;
    }
    let digits = 1;
    for (let rest = value; rest >= 10; rest = (rest / 10) | 0) digits++;
    this.room(digits);
    const b = this.bytes;
    let p = this.length + digits;
    this.length = p;
    let rest = value;
    do {
      b[--p] = 0x30 + (rest % 10);
      rest = (rest / 10) | 0;
    } while (rest > 0);
  }

  private array(value: readonly unknown[]): void {
    this.byte(0x5b);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) this.byte(COMMA);
      let wrote: boolean;
      try {
        wrote = this.value(value[i]);
      } catch (error) {
        throw within(error, `[${i}]`);
      }
      if (!wrote) this.raw('null');
    }
    this.byte(0x5d);
  }

  private object(value: Record<string, unknown>): void {
    this.byte(0x7b);
    const keys = sortedKeys(value);
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const member = value[key];
      const head = this.length;
      if (!first) this.byte(COMMA);
      this.memberHead(key);
      let wrote: boolean;
      try {
        wrote = this.value(member);
      } catch (error) {
        throw within(error, `.${key}`);
      }
      // An undefined member is not written: its key is taken back.
      if (wrote) first = false;
      else this.length = head;
    }
    this.byte(0x7d);
  }

  /**
   * A member's key as JSON text and its colon. Events repeat a few dozen keys, so each
   * key's bytes are written once and kept (bounded: a store of arbitrary keys would
   * otherwise grow without end), then copied.
   */
  private memberHead(key: string): void {
    const head = memberHeads.get(key);
    if (head === undefined) {
      const at = this.length;
      this.string(key);
      this.byte(COLON);
      const bytes = this.bytes.subarray(at, this.length);
      // A copy (a Buffer's slice is a view); only ASCII heads are kept, so a copied head never needs the text read as UTF-8.
      if (memberHeads.size < MEMBER_HEADS && bytes.every((c) => c < 0x80)) memberHeads.set(key, new Uint8Array(bytes));
      return;
    }
    const n = head.length;
    this.room(n);
    const b = this.bytes;
    let p = this.length;
    for (let i = 0; i < n; i++) b[p++] = head[i] as number;
    this.length = p;
  }

  private byte(c: number): void {
    this.room(1);
    this.bytes[this.length++] = c;
  }

  /** At least `n` more bytes of room; the buffer doubles as needed and keeps what was written. */
  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + n));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }
}

const MEMBER_HEADS = 4096;
const memberHeads = new Map<string, Uint8Array>();

/**
 * An object's keys in UTF-16 code-unit order (what `sort()` gives). An event's objects
 * hold a few keys, often in order already (a stored event read back): for those an
 * insertion sort with `<` costs one pass, where `sort()` with its default comparison
 * compares every pair through the generic path. Larger objects are sorted by `sort()`,
 * whose cost does not grow with the square of their size.
 */
const INSERTION_SORTED_KEYS = 16;
const sortedKeys = (value: object): string[] => {
  const keys = Object.keys(value);
  if (keys.length > INSERTION_SORTED_KEYS) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    if ((keys[j] as string) < key) continue;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
};

/** An array index or an object key: the step is only spelled out when a value is refused. */
const within = (error: unknown, step: string): unknown => {
  if (error instanceof Unwritable) error.where.push(step);
  return error;
};
const hasToJson = (value: unknown): value is { toJSON(): unknown } =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
