/**
 * A 64-bit fingerprint of a JSON value (two 32-bit FNV-1a-style lanes, 16 hex digits),
 * over a canonical walk: object keys sorted, undefined members dropped, every string and
 * number length-prefixed so that no two different values walk alike. Pure and cheap (no
 * string is built but the result): what a stream keeps of each commandId's command.
 * Different fingerprints prove different content; an equal one is a near-certain match
 * that the caller confirms against the stream where it can (guards.ts).
 */
export const contentHash = (value: unknown, omit?: (key: string) => boolean): string => {
  const h: Lanes = { a: 0x811c9dc5, b: 0x9747b28c };
  walk(h, value, omit);
  return hex(h.a) + hex(h.b);
};

interface Lanes {
  a: number;
  b: number;
}

const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

const feed = (h: Lanes, code: number): void => {
  h.a = Math.imul(h.a ^ code, 0x01000193);
  h.b = Math.imul(h.b ^ code, 0x5bd1e995);
};

const feedText = (h: Lanes, tag: number, s: string): void => {
  feed(h, tag);
  feed(h, s.length);
  for (let i = 0; i < s.length; i++) feed(h, s.charCodeAt(i));
};

const walk = (h: Lanes, v: unknown, omit?: (key: string) => boolean): void => {
  if (v === null || v === undefined) return feed(h, 0x7a);
  switch (typeof v) {
    case 'boolean':
      return feed(h, v ? 0x74 : 0x66);
    case 'number':
      return feedText(h, 0x6e, String(v));
    case 'string':
      return feedText(h, 0x73, v);
    case 'object': {
      if (Array.isArray(v)) {
        feed(h, 0x5b);
        feed(h, v.length);
        for (const x of v) walk(h, x);
        return;
      }
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).filter((k) => o[k] !== undefined && (omit === undefined || !omit(k))).sort();
      feed(h, 0x7b);
      feed(h, keys.length);
      for (const k of keys) {
        feedText(h, 0x6b, k);
        walk(h, o[k]);
      }
      return;
    }
    default:
      return feed(h, 0x3f); // functions, symbols, bigint: never part of decoded domain values
  }
};
