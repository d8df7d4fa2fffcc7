import { createHash } from 'node:crypto';
import { type FileHandle, stat } from 'node:fs/promises';
import { fileChunks, READ_CHUNK_BYTES } from './file-chunks';

/**
 * The import file is not the file its first read hashed: written to, grown, cut or
 * replaced between the two reads or during the second (docs/decisions/0150).
 */
export class FileChangedError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
    /** What was being done with the file: `imported` or `regrouped`. */
    readonly doing = 'imported',
  ) {
    super(`${path} changed while it was ${doing}: ${detail}`);
    this.name = 'FileChangedError';
  }
}

/** What the first read of an import file saw. */
export interface FileFingerprint {
  /** The whole file's SHA-256: the key of its checkpoints. */
  readonly sha256: string;
  readonly bytes: number;
  readonly mtimeNs: bigint;
  /**
   * The SHA-256 of every prefix the read ended a chunk at: the second read checks each
   * chunk against it before a line of that chunk is decided (32 bytes a MiB to keep).
   */
  readonly marks: readonly { readonly end: number; readonly digest: Buffer }[];
}

/**
 * A first read of a file that hands its chunks on and takes its fingerprint as it goes:
 * `fingerprint()` once every chunk was read. `hearth regroup` reads its households' ids
 * from it; the importer only wants the hash (fingerprintFile).
 */
export class FingerprintingRead {
  private readonly hash = createHash('sha256');
  private readonly marks: { end: number; digest: Buffer }[] = [];
  private bytes = 0;
  private taken: FileFingerprint | undefined;

  constructor(private readonly path: string) {}

  async *chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of fileChunks(this.path, READ_CHUNK_BYTES)) {
      this.hash.update(chunk);
      this.bytes += chunk.length;
      this.marks.push({ end: this.bytes, digest: this.hash.copy().digest() });
      yield chunk;
    }
    const after = await stat(this.path, { bigint: true });
    if (after.size !== BigInt(this.bytes)) throw new FileChangedError(this.path, `it was being written while it was hashed (${this.bytes} bytes read, ${after.size} there now)`);
    this.taken = { sha256: this.hash.digest('hex'), bytes: this.bytes, mtimeNs: after.mtimeNs, marks: this.marks };
  }

  /** What the read saw; only once `chunks()` has been read to its end. */
  fingerprint(): FileFingerprint {
    if (this.taken === undefined) throw new Error(`${this.path} was not read to its end`);
    return this.taken;
  }
}

/** The importer's first read: the file's SHA-256, and the prefix digests and stat that let the second read prove it reads the same bytes. */
export const fingerprintFile = async (path: string): Promise<FileFingerprint> => {
  const read = new FingerprintingRead(path);
  for await (const _chunk of read.chunks());
  return read.fingerprint();
};

/**
 * The second read (the importer's, regroup's): the same file's chunks, each checked against the first
 * read's prefix digests before it is handed on, so that no line is decided from bytes
 * other than those the checkpoints' hash names. `unchanged()` also compares the file's
 * size and mtime with the first read's before each batch is written: a file still being
 * written is stopped at its first batch, before its later, changed bytes are even read.
 */
export class VerifiedReread {
  private readonly hash = createHash('sha256');
  private position = 0;
  private nextMark = 0;
  private file: FileHandle | undefined;
  private finished = false;

  constructor(
    private readonly path: string,
    private readonly fingerprint: FileFingerprint,
  ) {}

  async *chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of fileChunks(this.path, READ_CHUNK_BYTES, (file) => this.opened(file))) {
      this.check(chunk);
      yield chunk;
    }
    this.file = undefined;
    if (this.position !== this.fingerprint.bytes) throw this.changed(`it ends after ${this.position} bytes, where it held ${this.fingerprint.bytes}`);
    this.finished = true;
  }

  /** Throws FileChangedError when the file's size or mtime is no longer the first read's (nothing to check once it is read whole). */
  async unchanged(): Promise<void> {
    if (this.finished || !this.file) return;
    const now = await this.file.stat({ bigint: true });
    if (now.size !== BigInt(this.fingerprint.bytes) || now.mtimeNs !== this.fingerprint.mtimeNs)
      throw this.changed(`it was written to since it was hashed (${this.fingerprint.bytes} bytes then, ${now.size} now${now.mtimeNs !== this.fingerprint.mtimeNs ? ', a new modification time' : ''})`);
  }

  private async opened(file: FileHandle): Promise<void> {
    this.file = file;
    await this.unchanged();
  }

  /** The digest at each of the first read's chunk ends, wherever this read's chunks end. */
  private check(chunk: Buffer): void {
    const { marks, bytes } = this.fingerprint;
    let offset = 0;
    while (offset < chunk.length) {
      const mark = marks[this.nextMark];
      if (!mark) throw this.changed(`it holds more than the ${bytes} bytes hashed`);
      const take = Math.min(chunk.length - offset, mark.end - this.position);
      this.hash.update(chunk.subarray(offset, offset + take));
      offset += take;
      this.position += take;
      if (this.position === mark.end) {
        if (!this.hash.copy().digest().equals(mark.digest)) throw this.changed(`its bytes before offset ${mark.end} are not those hashed`);
        this.nextMark += 1;
      }
    }
  }

  private changed(detail: string): FileChangedError {
    return new FileChangedError(this.path, detail);
  }
}
