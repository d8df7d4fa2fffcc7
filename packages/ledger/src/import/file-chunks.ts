import { type FileHandle, open } from 'node:fs/promises';

/**
 * An import file is read in chunks of 1 MiB rather than a stream's default 64 KiB: a
 * sixteenth of the reads and of the asynchronous steps (the lines come a chunk at a time,
 * read-lines.ts). Reading and splitting the 20,000-household file: ~0.39 → ~0.26 s of CPU
 * (docs/decisions/0086). The importer's passes over the file (its SHA-256, then its
 * lines) and the regrouping's read every chunk into one buffer (docs/decisions/0089).
 */
export const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * The bytes of a file, `chunkBytes` at a time, read into ONE buffer: each chunk yielded is
 * a view of that buffer, valid only until the next one is asked for (a consumer keeps a
 * copy of whatever it needs longer). A stream (`createReadStream`) hands out a fresh
 * buffer a chunk, new memory the kernel maps page by page and the collector frees: hashing
 * the 20,000-household file that way cost ~0.7 s of CPU, reading into one buffer ~0.2 s
 * (docs/decisions/0089).
 */
export async function* fileChunks(path: string, chunkBytes: number, opened?: (file: FileHandle) => Promise<void>): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  try {
    // The caller may look at the file it will be given (its size and mtime) before any of it is read.
    await opened?.(file);
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield bytesRead === chunkBytes ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}
