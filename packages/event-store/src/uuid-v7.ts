import { randomBytes } from 'node:crypto';

/**
 * Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then a 12-bit
 * counter that keeps ids issued within one millisecond in order, then random bits.
 * Event ids are indexed (UNIQUE); random v4 ids scatter every insert across that index,
 * which on a large SQLite store costs a dirty page per event at each commit. Ordered ids
 * append to the index's right edge instead (apps/bench/README.md measured the difference).
 */
export const uuidV7Generator = (now: () => number = Date.now): (() => string) => {
  let lastMs = -1;
  let counter = 0;
  // Random bytes drawn 4,096 ids at a time: one system call per id cost a quarter of an import.
  const POOL_IDS = 4096;
  let pool = randomBytes(16 * POOL_IDS);
  let next = 0;
  return () => {
    let ms = now();
    if (ms <= lastMs) {
      counter += 1;
      if (counter > 0xfff) {
        // 4,096 ids in one millisecond: borrow the next millisecond rather than lose order.
        lastMs += 1;
        counter = 0;
      }
      ms = lastMs;
    } else {
      lastMs = ms;
      counter = 0;
    }
    if (next === POOL_IDS) {
      pool = randomBytes(16 * POOL_IDS);
      next = 0;
    }
    // Each id's 16 bytes of the pool are used once: written in place, no Buffer per id.
    const at = 16 * next;
    next += 1;
    pool.writeUIntBE(ms, at, 6);
    pool[at + 6] = 0x70 | (counter >> 8);
    pool[at + 7] = counter & 0xff;
    pool[at + 8] = 0x80 | ((pool[at + 8] as number) & 0x3f);
    return idText(pool, at);
  };
};

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
/** Where each of the 16 bytes' two hex digits go in the 36-character text (after the dashes at 8, 13, 18 and 23). */
const DIGITS_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const text = Buffer.from('00000000-0000-0000-0000-000000000000', 'latin1');

/**
 * The 16 bytes at `at` as the canonical text `8-4-4-4-12`, written digit by digit into one
 * buffer and read out as one string: `hex`, five slices and their concatenation made ~10
 * strings an id (~400 B of garbage, an event's worth every event; docs/decisions/0098).
 */
const idText = (bytes: Buffer, at: number): string => {
  for (let i = 0; i < 16; i++) {
    const b = bytes[at + i] as number;
    const to = DIGITS_AT[i] as number;
    text[to] = HEX_DIGITS[b >> 4] as number;
    text[to + 1] = HEX_DIGITS[b & 0x0f] as number;
  }
  return text.toString('latin1', 0, 36);
};

/** The process-wide generator: ids from one process sort in the order they were issued. */
export const uuidV7: () => string = uuidV7Generator();
