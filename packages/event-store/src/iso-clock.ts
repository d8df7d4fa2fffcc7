/**
 * The wall clock as ISO 8601 text, `new Date().toISOString()` to the byte, formatted once a
 * millisecond: a command handled one at a time takes ~0.1 ms, so most commands of a busy
 * handler ask within the millisecond of the one before, and the formatting (a `Date`, then
 * its text: 2.4–3.8 µs of a command's ~100 µs in the handler, measured in
 * docs/performance/writes.md's third pass) is done again only when the millisecond moves.
 */
export const isoClock = (now: () => number = () => Date.now()): (() => string) => {
  let lastMs = Number.NaN;
  let lastText = '';
  return () => {
    const ms = now();
    if (ms !== lastMs) {
      lastText = new Date(ms).toISOString();
      lastMs = ms;
    }
    return lastText;
  };
};

/**
 * The process-wide clock: what `metadata.recordedAt` is stamped with unless a caller gives
 * its own. It reads `Date.now` when asked, not the function it was when this module loaded,
 * so a clock faked later (jest's modern fake timers) is followed, as `new Date()` follows it.
 */
export const isoNow: () => string = isoClock();
