import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileChangedError, fingerprintFile, VerifiedReread } from './file-fingerprint';

describe('an import file read twice', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hearth-fingerprint-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const reread = async (path: string, fingerprint: Awaited<ReturnType<typeof fingerprintFile>>): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of new VerifiedReread(path, fingerprint).chunks()) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  };

  it('the first read gives the SHA-256 and a digest per chunk; an unchanged file is read again whole', async () => {
    const bytes = randomBytes(2.5 * 1024 * 1024);
    const path = join(dir, 'f');
    writeFileSync(path, bytes);
    const fingerprint = await fingerprintFile(path);
    expect(fingerprint.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(fingerprint.marks.map((m) => m.end)).toEqual([1, 2, 2.5].map((m) => m * 1024 * 1024));
    expect((await reread(path, fingerprint)).equals(bytes)).toBe(true);
  });

  it('a file cut between the reads is refused before its first chunk is handed on', async () => {
    const path = join(dir, 'f');
    writeFileSync(path, randomBytes(1000));
    const fingerprint = await fingerprintFile(path);
    truncateSync(path, 500);
    const chunks = new VerifiedReread(path, fingerprint).chunks();
    await expect(chunks.next()).rejects.toThrow(FileChangedError);
  });

  it('an empty file reads as empty twice', async () => {
    const path = join(dir, 'f');
    writeFileSync(path, '');
    const fingerprint = await fingerprintFile(path);
    expect(fingerprint.marks).toEqual([]);
    expect((await reread(path, fingerprint)).length).toBe(0);
  });
});
