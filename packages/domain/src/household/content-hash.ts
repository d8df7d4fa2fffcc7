/**
 * A 64-bit fingerprint of a JSON value (two 32-bit FNV-1a-style lanes, 16 hex digits),
 * over a canonical walk: object keys sorted, undefined members dropped, every string and
 * number length-prefixed so that no two different values walk alike. Pure and cheap (no
 * string is built but the result): what a stream keeps of each commandId's command.
 * Different fingerprints prove different content; an equal one is a near-certain match
 * that the caller confirms against the stream where it can (guards.ts).
 */
export const contentHash = (value: unknown, omit?: (key: string) => boolean): string => {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  const feed = (code: number): void => {
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  };
  const text = (tag: number, s: string): void => {
    feed(tag);
    feed(s.length);
    for (let i = 0; i < s.length; i++) {
      const code = s.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x5bd1e995);
    }
  };
  const walk = (v: unknown, skip: ((key: string) => boolean) | undefined): void => {
    if (v === null || v === undefined) return feed(0x7a);
    if (typeof v === 'string') return text(0x73, v);
    if (typeof v === 'number') return text(0x6e, String(v));
    if (typeof v === 'boolean') return feed(v ? 0x74 : 0x66);
    if (Array.isArray(v)) {
      feed(0x5b);
      feed(v.length);
      for (const x of v) walk(x, undefined);
      return;
    }
    if (typeof v !== 'object') return feed(0x3f); // functions, symbols, bigint: never part of decoded domain values
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).sort();
    feed(0x7b);
    for (const k of keys) {
      const x = o[k];
      if (x === undefined || (skip !== undefined && skip(k))) continue;
      text(0x6b, k);
      walk(x, undefined);
    }
    feed(0x7d);
  };
  walk(value, omit);
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
};
