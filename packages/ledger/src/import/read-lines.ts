export interface SourceLine {
  readonly number: number;
  readonly text: string;
  /** Set when the line is longer than the limit: its length in bytes (`text` is then empty). */
  readonly tooLongBytes?: number;
  /** Set when the line's bytes are not valid UTF-8 (`text` then holds a lossy decoding, for messages only). */
  readonly invalidUtf8?: true;
}

const LF = 0x0a;
/**
 * Lines decoded ahead of the reader. A chunk of 1 MiB completes ~2,900 lines of an
 * import; decoded all at once, the ones not yet parsed (~1 MB of text) outlived every
 * scavenge that met them, and the young generation copied them: a 2,000-household
 * import's scavenges kept 49 MB instead of ~60 (docs/decisions/0098).
 */
const GROUP_LINES = 128;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
// A strict decoder: bytes that are not UTF-8 must be refused, not stored as U+FFFD.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const decode = (number: number, bytes: Buffer): SourceLine => {
  try {
    return { number, text: strictUtf8.decode(bytes) };
  } catch {
    return { number, text: bytes.toString('utf8'), invalidUtf8: true };
  }
};

/**
 * A line lying whole in one chunk, decoded without a view of it: `toString` turns bytes that
 * are not UTF-8 into U+FFFD, so a line holding one is decoded again strictly to tell
 * invalid bytes from a U+FFFD written in the file. Reading and splitting the
 * 20,000-household file: ~0.28 → ~0.21 s of CPU (docs/decisions/0089).
 */
const decodeRange = (number: number, buffer: Buffer, start: number, end: number): SourceLine => {
  const text = buffer.toString('utf8', start, end);
  return text.includes('\uFFFD') ? decode(number, buffer.subarray(start, end)) : { number, text };
};

/**
 * The lines of an import file, numbered as an editor numbers them, in groups: each group
 * holds up to GROUP_LINES of the lines a chunk of the input completed (none when a chunk
 * ends no line), decoded when the group is asked for, so that a reader pays one
 * asynchronous step for many lines rather than one a line (an import's ~700,000 lines
 * were as many promises and microtask hops). Only `\n` and `\r\n` end a line (a bare CR
 * must not split a line and shift every later line number), a UTF-8 byte-order mark at
 * the very start is skipped, and a line over `maxBytes` is reported by its length without
 * being held in memory. Splitting on the LF byte is safe in UTF-8: it never occurs inside
 * a multi-byte character. A chunk is not kept once the next one is asked for (its last
 * group is handed over first, and what a later chunk completes is copied), so `input` may
 * read every chunk into the same buffer (file-chunks.ts).
 */
export async function* readLines(input: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<SourceLine[]> {
  let parts: Buffer[] = [];
  let held = 0;
  let length = 0;
  let lastByte = -1;
  let number = 0;

  /** `keep`: the piece outlives its chunk (the start of a line the next chunk ends), so it is copied. */
  const add = (piece: Buffer, keep: boolean): void => {
    if (piece.length === 0) return;
    length += piece.length;
    lastByte = piece[piece.length - 1] as number;
    if (held <= maxBytes + BOM.length) {
      parts.push(keep ? Buffer.from(piece) : piece);
      held += piece.length;
    }
  };

  const finish = (): SourceLine => {
    number += 1;
    // Most lines lie within one chunk: decoded from the chunk itself, without a copy.
    let text = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
    let bytes = length;
    if (number === 1 && text.subarray(0, BOM.length).equals(BOM)) {
      text = text.subarray(BOM.length);
      bytes -= BOM.length;
    }
    if (lastByte === CR && bytes > 0) {
      bytes -= 1;
      text = text.subarray(0, bytes);
    }
    const line: SourceLine = bytes > maxBytes ? { number, text: '', tooLongBytes: bytes } : decode(number, text);
    parts = [];
    held = 0;
    length = 0;
    lastByte = -1;
    return line;
  };

  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let start = 0;
    let lines: SourceLine[] = [];
    for (let end = buffer.indexOf(LF, start); end !== -1; end = buffer.indexOf(LF, start)) {
      // Not the first line (a byte-order mark), nor one ending in CR, nor one too long: the common case.
      if (length === 0 && number > 0 && end - start <= maxBytes && (end === start || buffer[end - 1] !== CR)) {
        number += 1;
        lines.push(decodeRange(number, buffer, start, end));
      } else {
        add(buffer.subarray(start, end), false);
        lines.push(finish());
      }
      start = end + 1;
      if (lines.length === GROUP_LINES) {
        yield lines;
        lines = [];
      }
    }
    add(buffer.subarray(start), true);
    if (lines.length > 0) yield lines;
  }
  if (length > 0) yield [finish()];
}
