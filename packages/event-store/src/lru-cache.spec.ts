import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('forgets the least recently used entry beyond capacity', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now more recent than b
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });

  it('counts reading a key stored with the value undefined as a use of it, and misses do not', () => {
    const evicted: string[] = [];
    const cache = new LruCache<string, number | undefined>(2, (key) => evicted.push(key));
    cache.set('a', undefined);
    cache.set('b', 1);
    expect(cache.get('a')).toBeUndefined(); // a is now more recent than b
    expect(cache.get('z')).toBeUndefined();
    cache.set('c', 2);
    expect(evicted).toEqual(['b']);
    expect(cache.size).toBe(2);
  });

  it('peeks at a value without counting it as a use', () => {
    const evicted: string[] = [];
    const cache = new LruCache<string, number>(2, (key) => evicted.push(key));
    cache.set('a', 1);
    cache.set('b', 2);
    expect([cache.peek('a'), cache.peek('z')]).toEqual([1, undefined]);
    cache.set('c', 3);
    expect(evicted).toEqual(['a']);
  });

  it('replaces a value without growing and deletes on request', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('a', 2);
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBe(2);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
  });

  it('tells onEvict of each key evicted for want of room, not of one replaced or deleted', () => {
    const evicted: string[] = [];
    const cache = new LruCache<string, number>(1, (key) => evicted.push(key));
    cache.set('a', 1);
    cache.set('a', 2);
    cache.set('b', 3);
    cache.delete('b');
    cache.set('c', 4);
    cache.set('d', 5);
    expect(evicted).toEqual(['a', 'c']);
  });

  it('keeps one entry more after each grow', () => {
    const cache = new LruCache<string, number>(1);
    cache.grow();
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.capacity).toBe(2);
    expect([cache.get('a'), cache.get('b')]).toEqual([1, 2]);
    cache.set('c', 3);
    expect(cache.size).toBe(2);
  });

  it('refuses a capacity below one', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});
