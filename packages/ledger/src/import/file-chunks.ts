import { open } from 'node:fs/promises';

/**
 * The bytes of a file, `chunkBytes` at a time, read into ONE buffer: each chunk yielded is
 * a view of that buffer, valid only until the next one is asked for (a consumer keeps a
 * copy of whatever it needs longer). A stream (`createReadStream`) hands out a fresh
 * buffer a chunk, new memory the kernel maps page by page and the collector frees: hashing
 * the 20,000-household file that way cost ~0.7 s of CPU, reading into one buffer ~0.2 s
 * (docs/decisions/0089).
 */
export async function* fileChunks(path: string, chunkBytes: number): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  try {
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
