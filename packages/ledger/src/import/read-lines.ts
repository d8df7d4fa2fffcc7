import { Readable } from 'node:stream';

export interface SourceLine {
  readonly number: number;
  readonly text: string;
  /** Set when the line is longer than the limit: its length in bytes (`text` is then empty). */
  readonly tooLongBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The lines of an import file, numbered as an editor numbers them. Only `\n` and `\r\n`
 * end a line (a bare CR must not split a line and shift every later line number), a
 * UTF-8 byte-order mark at the very start is skipped, and a line over `maxBytes` is
 * reported by its length without being held in memory. Splitting on the LF byte is
 * safe in UTF-8: it never occurs inside a multi-byte character.
 */
export async function* readLines(input: Readable, maxBytes: number): AsyncGenerator<SourceLine> {
  let parts: Buffer[] = [];
  let held = 0;
  let length = 0;
  let lastByte = -1;
  let number = 0;

  const add = (piece: Buffer): void => {
    if (piece.length === 0) return;
    length += piece.length;
    lastByte = piece[piece.length - 1] as number;
    if (held <= maxBytes + BOM.length) {
      parts.push(piece);
      held += piece.length;
    }
  };

  const finish = (): SourceLine => {
    number += 1;
    let text = Buffer.concat(parts);
    let bytes = length;
    if (number === 1 && text.subarray(0, BOM.length).equals(BOM)) {
      text = text.subarray(BOM.length);
      bytes -= BOM.length;
    }
    if (lastByte === CR && bytes > 0) {
      bytes -= 1;
      text = text.subarray(0, bytes);
    }
    const line: SourceLine = bytes > maxBytes ? { number, text: '', tooLongBytes: bytes } : { number, text: text.toString('utf8') };
    parts = [];
    held = 0;
    length = 0;
    lastByte = -1;
    return line;
  };

  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let start = 0;
    for (let end = buffer.indexOf(LF, start); end !== -1; end = buffer.indexOf(LF, start)) {
      add(buffer.subarray(start, end));
      yield finish();
      start = end + 1;
    }
    add(buffer.subarray(start));
  }
  if (length > 0) yield finish();
}
