/**
 * The simulator's own pseudo-random numbers: xoshiro128** (Blackman & Vigna), seeded
 * through splitmix32 from a 32-bit key. Each household gets an independent stream keyed
 * by (seed, household index), so any household can be generated alone, in any order,
 * with the same result. Nothing here touches Math.random or the clock.
 */

/** murmur3's finaliser: a cheap, well-mixing 32-bit bijection. */
export const fmix32 = (h: number): number => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

/** FNV-1a over the UTF-16 code units of a string, finalised. */
export const hashString = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
};

/** Key of a sub-stream: mixes the region seed, a purpose salt and an index. */
export const streamKey = (seed32: number, salt: number, index: number): number =>
  fmix32((seed32 ^ fmix32((Math.imul(index + 1, 0x9e3779b9) ^ salt) >>> 0)) >>> 0);

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(key: number) {
    // splitmix32 expands the key into the 128-bit state (never all zero).
    let s = key >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
  }

  /** The next 32 random bits, as an unsigned integer. */
  u32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** An index drawn with the given (not necessarily normalised) weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** `k` distinct items (k clamped to the list), in list order. */
  some<T>(items: readonly T[], k: number): T[] {
    const out: T[] = [];
    let need = Math.min(k, items.length);
    for (let i = 0; i < items.length && need > 0; i++) {
      if (this.float() * (items.length - i) < need) {
        out.push(items[i] as T);
        need--;
      }
    }
    return out;
  }
}
