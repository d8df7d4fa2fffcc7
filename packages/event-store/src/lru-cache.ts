/**
 * A bounded map that forgets the least recently used entry first. Relies on Map
 * keeping insertion order: a hit re-inserts the key at the end. `onEvict`, if given, is
 * told of each key that leaves for want of room (not of one deleted or replaced).
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  private room: number;

  constructor(
    capacity: number,
    private readonly onEvict?: (key: K) => void,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.room = capacity;
  }

  get capacity(): number {
    return this.room;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Room for one more entry from now on. */
  grow(): void {
    this.room += 1;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    // `has` only for a stored undefined: a hit costs three lookups, not four (a command handler asks on every command).
    if (value === undefined && !this.entries.has(key)) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value as V);
    return value;
  }

  /** The value, if any, without counting this as a use of it: the order of leaving is unchanged. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.room) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) {
        this.entries.delete(oldest.value);
        this.onEvict?.(oldest.value);
      }
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
