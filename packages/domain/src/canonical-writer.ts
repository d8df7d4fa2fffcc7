/**
 * The writer canonical JSON is written with (canonical-json.ts holds the rules it
 * follows): UTF-8 bytes in one growing buffer that callers take in turn, hashed in place
 * by the seal and read back as text (docs/decisions/0102, 0103). Plain `Uint8Array`,
 * `TextEncoder` and `TextDecoder`, so the domain needs nothing of Node's.
 */

/** Why a value has no canonical JSON, and where in it (`$`, `$.a[0].b`). */
export interface NonCanonicalValue {
  readonly path: string;
  readonly reason: string;
}

/** What writing one value came to: written, nothing (`undefined`, which an object member or an array slot makes absent or null), or refused. */
const WROTE = 0;
const NOTHING = 1;
const REFUSED = 2;
type Outcome = typeof WROTE | typeof NOTHING | typeof REFUSED;

const encoder = new TextEncoder();
/** `ignoreBOM`: a text read back is the bytes as written, whatever character they start with. */
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

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
  bytes = new Uint8Array(16_384);
  length = 0;
  /** Why the last value was refused, and the steps to it (innermost first), added on the way out: no path is built unless a value is refused. */
  private refusal = '';
  private readonly steps: string[] = [];

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
    if (this.bytes.length > KEPT_BYTES) this.bytes = new Uint8Array(16_384);
  }

  reset(): void {
    this.length = 0;
  }

  /** The text of bytes `from` to `to`. */
  text(from: number, to: number): string {
    return decoder.decode(this.bytes.subarray(from, to));
  }

  /**
   * Appends `value`'s canonical JSON, or says why it has none: a value canonical JSON
   * refuses, or `undefined` (after `toJSON`) at the top. What a refused value left
   * written is not canonical JSON; the caller resets or gives the writer back.
   */
  write(value: unknown): NonCanonicalValue | undefined {
    const outcome = this.value(value);
    if (outcome === WROTE) return undefined;
    if (outcome === NOTHING) return { path: '$', reason: 'top-level value is undefined' };
    const path = `$${this.steps.reverse().join('')}`;
    this.steps.length = 0;
    return { path, reason: this.refusal };
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
        this.length = start + encoder.encodeInto(text, b.subarray(start)).written;
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

  /** `value`'s canonical JSON; nothing written for `undefined` after `toJSON`. */
  private value(input: unknown): Outcome {
    const value = hasToJson(input) ? input.toJSON() : input;
    switch (typeof value) {
      case 'undefined':
        return NOTHING;
      case 'string':
        this.string(value);
        return WROTE;
      case 'boolean':
        this.raw(value ? 'true' : 'false');
        return WROTE;
      case 'number':
        if (!Number.isFinite(value)) return this.refuse(`non-finite number ${value}`);
        this.number(value);
        return WROTE;
      case 'bigint':
      case 'function':
      case 'symbol':
        return this.refuse(`unsupported type ${typeof value}`);
      case 'object':
        if (value === null) {
          this.raw('null');
          return WROTE;
        }
        return Array.isArray(value) ? this.array(value) : this.object(value as Record<string, unknown>);
    }
  }

  private refuse(reason: string): Outcome {
    this.refusal = reason;
    return REFUSED;
  }

  /** A finite number's JSON text is its string conversion (-0 included: both write "0"); small integers without a string. */
  private number(value: number): void {
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

  /** An `undefined` slot (a hole too: it reads `undefined`) is written `null`. */
  private array(value: readonly unknown[]): Outcome {
    this.byte(0x5b);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) this.byte(COMMA);
      const outcome = this.value(value[i]);
      if (outcome === REFUSED) {
        this.steps.push(`[${i}]`);
        return REFUSED;
      }
      if (outcome === NOTHING) this.raw('null');
    }
    this.byte(0x5d);
    return WROTE;
  }

  private object(value: Record<string, unknown>): Outcome {
    this.byte(0x7b);
    const keys = sortedKeys(value);
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const member = value[key];
      const head = this.length;
      if (!first) this.byte(COMMA);
      this.memberHead(key);
      const outcome = this.value(member);
      if (outcome === REFUSED) {
        this.steps.push(`.${key}`);
        return REFUSED;
      }
      // An undefined member is not written: its key is taken back.
      if (outcome === WROTE) first = false;
      else this.length = head;
    }
    this.byte(0x7d);
    return WROTE;
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
      // A copy: `subarray` is a view of a buffer that is written over.
      if (memberHeads.size < MEMBER_HEADS) memberHeads.set(key, this.bytes.slice(at, this.length));
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
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
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

const hasToJson = (value: unknown): value is { toJSON(): unknown } =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
