import { LruCache } from '@hearth/event-store';

/**
 * Answers kept by what was asked, each with the log position its snapshot of the read
 * models stood at (docs/decisions/0111): an answer is a function of the read models at that
 * position, so it is the answer again exactly while they stand there, and never after.
 * At most `capacity` are kept, the least lately used forgotten first.
 */
export class AnswersAtPosition {
  private readonly kept: LruCache<string, { readonly position: number; readonly value: unknown }>;

  constructor(capacity: number) {
    this.kept = new LruCache(capacity);
  }

  /** The answer kept for `key` if it was read at `position`; `undefined` otherwise. */
  at(key: string, position: number): unknown {
    const known = this.kept.get(key);
    return known !== undefined && known.position === position ? known.value : undefined;
  }

  keep(key: string, position: number, value: unknown): void {
    this.kept.set(key, { position, value });
  }

  /** The answer kept for `key` at `position`, else `read()`'s, kept there. */
  atOrRead<T>(key: string, position: number, read: () => T): T {
    const known = this.at(key, position);
    if (known !== undefined) return known as T;
    const value = read();
    this.keep(key, position, value);
    return value;
  }
}
