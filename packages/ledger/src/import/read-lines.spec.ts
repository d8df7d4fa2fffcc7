import { Readable } from 'node:stream';
import { readLines, SourceLine } from './read-lines';

const collect = async (chunks: readonly (string | Buffer)[], maxBytes = 1024): Promise<SourceLine[]> => {
  const out: SourceLine[] = [];
  for await (const group of readLines(Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))), maxBytes)) {
    expect(group.length).toBeGreaterThan(0);
    out.push(...group);
  }
  return out;
};

describe('readLines', () => {
  it('skips a UTF-8 byte-order mark at the start of the file only', async () => {
    const lines = await collect(['\uFEFF{"a":1}\n\uFEFFx\n']);
    expect(lines).toEqual([{ number: 1, text: '{"a":1}' }, { number: 2, text: '\uFEFFx' }]);
  });
  it('ends lines at \\n and \\r\\n only: a bare CR stays inside its line', async () => {
    const lines = await collect(['a\r\nb\rc\nd']);
    expect(lines).toEqual([{ number: 1, text: 'a' }, { number: 2, text: 'b\rc' }, { number: 3, text: 'd' }]);
  });
  it('joins lines split across chunks, even inside a multi-byte character or between CR and LF', async () => {
    const euro = Buffer.from('€');
    const lines = await collect([Buffer.from('x'), euro.subarray(0, 1), Buffer.concat([euro.subarray(1), Buffer.from('y\r')]), '\nz\n']);
    expect(lines).toEqual([{ number: 1, text: 'x€y' }, { number: 2, text: 'z' }]);
  });
  it('reports a line longer than the limit by its length, without holding it', async () => {
    const lines = await collect(['ok\n', 'x'.repeat(700), 'x'.repeat(700), '\nnext\n'], 1000);
    expect(lines).toEqual([{ number: 1, text: 'ok' }, { number: 2, text: '', tooLongBytes: 1400 }, { number: 3, text: 'next' }]);
  });
  it('marks a line whose bytes are not UTF-8, instead of replacing them silently', async () => {
    const lines = await collect([Buffer.concat([Buffer.from('{"note":"a'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\nok\n')])]);
    expect(lines[0]).toMatchObject({ number: 1, invalidUtf8: true });
    expect(lines[1]).toEqual({ number: 2, text: 'ok' });
  });
  it('keeps a U+FFFD written in the file, in a line within one chunk or across two', async () => {
    const replacement = Buffer.from('\uFFFD');
    const lines = await collect([Buffer.concat([Buffer.from('first\n{"note":"\uFFFD"}\n{"note":"'), replacement.subarray(0, 2)]), Buffer.concat([replacement.subarray(2), Buffer.from('"}\n')])]);
    expect(lines).toEqual([{ number: 1, text: 'first' }, { number: 2, text: '{"note":"\uFFFD"}' }, { number: 3, text: '{"note":"\uFFFD"}' }]);
  });
  it('marks bytes that are not UTF-8 in any line of a chunk, not only the first', async () => {
    const lines = await collect([Buffer.concat([Buffer.from('ok\n{"a":"'), Buffer.from([0xff]), Buffer.from('"}\r\nx'), Buffer.from([0xc3]), Buffer.from('\nfine\n')])]);
    expect(lines.map((l) => [l.number, l.invalidUtf8 === true])).toEqual([[1, false], [2, true], [3, true], [4, false]]);
    expect(lines[3]).toEqual({ number: 4, text: 'fine' });
  });
  it('groups the lines each chunk completes, in order', async () => {
    const groups: number[][] = [];
    for await (const group of readLines(Readable.from([Buffer.from('a\nb\nc'), Buffer.from('d'), Buffer.from('\ne\n')]), 1024)) groups.push(group.map((l) => l.number));
    expect(groups).toEqual([[1, 2], [3, 4]]);
  });
  it('hands the lines of a large chunk over a group of at most 128 at a time, in order', async () => {
    const groups: number[][] = [];
    const text = Array.from({ length: 300 }, (_, i) => `line ${i + 1}`).join('\n');
    for await (const group of readLines(Readable.from([Buffer.from(text)]), 1024)) groups.push(group.map((l) => l.number));
    expect(groups.map((g) => g.length)).toEqual([128, 128, 43, 1]);
    expect(groups.flat()).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  });
  it('keeps what a chunk leaves unfinished when the source reads every chunk into the same buffer', async () => {
    // As file-chunks.ts does: the next chunk overwrites the memory the last one lay in.
    const text = 'first line\nsecond, split €\r\nthird\n' + 'x'.repeat(30) + '\nlast';
    const bytes = Buffer.from(text);
    async function* reused(size: number): AsyncGenerator<Buffer> {
      const buffer = Buffer.alloc(size);
      for (let at = 0; at < bytes.length; at += size) {
        const n = bytes.copy(buffer, 0, at, at + size);
        yield buffer.subarray(0, n);
        buffer.fill(0x3f);
      }
    }
    for (const size of [1, 3, 7, 16]) {
      const lines: SourceLine[] = [];
      for await (const group of readLines(reused(size), 1024)) lines.push(...group);
      expect(lines).toEqual([
        { number: 1, text: 'first line' },
        { number: 2, text: 'second, split €' },
        { number: 3, text: 'third' },
        { number: 4, text: 'x'.repeat(30) },
        { number: 5, text: 'last' },
      ]);
    }
  });
  it('yields an empty last line only when there is no final newline', async () => {
    expect(await collect(['a\n\n'])).toEqual([{ number: 1, text: 'a' }, { number: 2, text: '' }]);
  });
});
