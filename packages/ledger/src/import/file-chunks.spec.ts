import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileChunks } from './file-chunks';

describe('fileChunks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'file-chunks-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('yields every byte of the file in order, each chunk read into the same buffer', async () => {
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 256));
    const path = join(dir, 'bytes');
    writeFileSync(path, bytes);
    const copies: Buffer[] = [];
    const memory = new Set<ArrayBufferLike>();
    for await (const chunk of fileChunks(path, 64)) {
      expect(chunk.length).toBeLessThanOrEqual(64);
      copies.push(Buffer.from(chunk));
      memory.add(chunk.buffer);
    }
    expect(Buffer.concat(copies)).toEqual(bytes);
    expect(copies.length).toBe(16);
    expect(memory.size).toBe(1);
  });

  it('yields nothing for an empty file', async () => {
    const path = join(dir, 'empty');
    writeFileSync(path, '');
    const chunks: Buffer[] = [];
    for await (const chunk of fileChunks(path, 64)) chunks.push(chunk);
    expect(chunks).toEqual([]);
  });

  it('fails on a file that does not exist', async () => {
    const read = async () => {
      for await (const _ of fileChunks(join(dir, 'missing'), 64)) void _;
    };
    await expect(read()).rejects.toThrow(/ENOENT/);
  });
});
