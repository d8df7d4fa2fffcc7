import { hashString } from './prng';

/** What identifies a synthetic region: its size and its seed. The same pair gives the same bytes. */
export interface RegionOptions {
  /** Number of households, 1 … 10,000,000. */
  readonly households: number;
  /** Any integer or string; strings are hashed. */
  readonly seed: number | string;
}

export interface ResolvedOptions {
  readonly households: number;
  /** 32-bit key from which every stream is derived. */
  readonly seed32: number;
  /** How the seed is written inside ids (`sim:<seedTag>:…`): id-safe and short. */
  readonly seedTag: string;
}

export const MAX_HOUSEHOLDS = 10_000_000;

export const resolveOptions = (opts: RegionOptions): ResolvedOptions => {
  const { households, seed } = opts;
  if (!Number.isInteger(households) || households < 1 || households > MAX_HOUSEHOLDS)
    throw new RangeError(`households must be an integer from 1 to ${MAX_HOUSEHOLDS}, got ${households}`);
  let seed32: number;
  if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer or a string, got ${seed}`);
    // Fold both halves of a large integer so that nearby seeds still differ everywhere.
    const hi = Math.floor(seed / 4294967296);
    seed32 = (seed >>> 0) ^ Math.imul(hi | 0, 0x9e3779b9);
  } else {
    if (seed.length === 0) throw new RangeError('seed must not be empty');
    seed32 = hashString(seed);
  }
  const text = String(seed);
  const seedTag = /^[A-Za-z0-9._-]{1,20}$/.test(text) ? text : `h${seed32.toString(16).padStart(8, '0')}`;
  return { households, seed32: seed32 >>> 0, seedTag };
};
