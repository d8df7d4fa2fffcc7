import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emitJson, emitPart } from './emit';

/**
 * A list of a JSON document too long to hold in memory (`verify --json` after a bulk
 * import: a notice for every event, 18.7 million at the full region): each item is
 * written to a temporary file as it comes, already printed as `emitJson` prints it, and
 * the file is copied into the document at the end. The document is the same text
 * `emitJson` would print with the whole list in it.
 */
export class SpilledList {
  private readonly dir = mkdtempSync(join(tmpdir(), 'hearth-list-'));
  private readonly fd = openSync(join(this.dir, 'items.json'), 'w+');
  private pending = '';
  private count = 0;

  get length(): number {
    return this.count;
  }

  add(item: unknown): void {
    // An item of a top-level list sits at depth 2: four spaces in front of each of its lines.
    // Only after '\n': JSON escapes it inside strings, but not U+2028 and U+2029, which /^/m takes for line starts.
    const text = `    ${JSON.stringify(item, null, 2).replaceAll('\n', '\n    ')}`;
    this.pending += this.count === 0 ? text : `,\n${text}`;
    this.count += 1;
    if (this.pending.length >= 1 << 16) this.flush();
  }

  /** Prints `value` with this list as its member `key`, as `emitJson` would, a chunk at a time as stdout takes them. */
  async emitIn(value: Record<string, unknown>, key: string): Promise<void> {
    this.flush();
    if (this.count === 0) return emitJson({ ...value, [key]: [] });
    const marker = `hearth-spilled-${randomUUID()}`;
    const text = `${JSON.stringify({ ...value, [key]: [marker] }, null, 2)}\n`;
    const at = text.indexOf(`    "${marker}"`);
    await emitPart(text.slice(0, at));
    for (let offset = 0; ; ) {
      // A new buffer a chunk: stdout may still hold the one before.
      const chunk = Buffer.allocUnsafe(1 << 20);
      const read = readSync(this.fd, chunk, 0, chunk.length, offset);
      if (read === 0) break;
      await emitPart(chunk.subarray(0, read));
      offset += read;
    }
    await emitPart(text.slice(at + marker.length + 6));
  }

  /** Removes the temporary file. */
  dispose(): void {
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, this.pending);
    this.pending = '';
  }
}
