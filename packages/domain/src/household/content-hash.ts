/**
 * A 64-bit fingerprint (two 32-bit FNV-1a-style lanes, 16 hex digits) of a command's
 * content: the value `{ ...fields, type, on }` without the members `omit` names (and
 * without those listed in `omitToo`) — hashed without building it. What a stream keeps
 * of each commandId's command whose content it does not keep otherwise (command-trace.ts).
 *
 * Equal content gives an equal fingerprint, content being what canonical JSON writes
 * (canonical-json.ts): an object's members are hashed each on its own and summed, so
 * their order does not matter and nothing is sorted; undefined members are dropped; every
 * string is length-prefixed; a number is hashed by its value (0 and -0 alike), and what
 * canonical JSON writes as null (null, undefined or a hole in an array) as null — and so
 * is what it refuses (a non-finite number, a function, a symbol, a bigint; never part of
 * a decoded value), as canonical-equal.ts compares it. Different fingerprints prove
 * different content; an equal one is a near-certain match that the caller confirms
 * against the stream where it can (guards.ts).
 * Pure, and allocation-free but for the result.
 */
const NONE: readonly string[] = [];
const SEED_A = 0x811c9dc5;
const SEED_B = 0x9747b28c;

/** The lanes, module-wide so that hashing allocates no closure; every call starts from the seeds. */
let a = SEED_A;
let b = SEED_B;

/** Own enumerable keys, as Object.keys lists them, by `for…in` and this test: no key array is allocated per object. */
const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The builtins the loops call, read from the global object once. Inside a `vm` context (as
 * jest runs every test file) the global object is reached through interceptors, so a
 * `Math.imul` in the inner loop was a slow global lookup per character pair: a survey's
 * print cost ~285 µs under jest against ~5 µs in plain Node, and the CLI's region
 * agreement test, which folds every household again at each date it asks, went from
 * ~90 s to ~730 s of CPU (docs/decisions/0081-surveys-kept-as-fingerprints.md).
 */
const imul = Math.imul;
const finite = Number.isFinite;
const isArray = Array.isArray;
const fromCharCode = String.fromCharCode;

const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);

const feed = (code: number): void => {
  a = imul(a ^ code, 0x01000193);
  b = imul(b ^ code, 0x5bd1e995);
};

/**
 * Two UTF-16 units a step (the length is fed first, so no two strings pair up alike). The
 * lanes are carried in locals through the loop and written back once: the module-wide
 * lanes are context slots, loaded and stored at every step otherwise.
 */
const text = (tag: number, s: string): void => {
  const n = s.length;
  let x = imul(imul(a ^ tag, 0x01000193) ^ n, 0x01000193);
  let y = imul(imul(b ^ tag, 0x5bd1e995) ^ n, 0x5bd1e995);
  const even = n & ~1;
  for (let i = 0; i < even; i += 2) {
    const code = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    x = imul(x ^ code, 0x01000193);
    y = imul(y ^ code, 0x5bd1e995);
  }
  if (even < n) {
    const code = s.charCodeAt(even);
    x = imul(x ^ code, 0x01000193);
    y = imul(y ^ code, 0x5bd1e995);
  }
  a = x;
  b = y;
};

/** Murmur3's finaliser: a member's lanes mixed before they are summed, so that sums of members do not cancel. */
const mix = (h: number): number => {
  h = imul(h ^ (h >>> 16), 0x85ebca6b);
  h = imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
};

/** Leaves in the lanes the mixed hash of one member (its key and value), from the seeds. */
const member = (k: string, x: unknown): void => {
  a = SEED_A;
  b = SEED_B;
  text(0x6b, k);
  walk(x);
  a = mix(a);
  b = mix(b ^ 0x9e3779b9);
};

const closeObject = (n: number, sumA: number, sumB: number): void => {
  feed(0x7b);
  feed(n);
  feed(sumA);
  feed(sumB);
  feed(0x7d);
};

const walk = (v: unknown): void => {
  if (v === null || v === undefined) return feed(0x7a);
  if (typeof v === 'string') return text(0x73, v);
  if (typeof v === 'number') {
    if (!finite(v)) return feed(0x7a);
    if ((v | 0) === v) {
      feed(0x69);
      return feed(v | 0);
    }
    float[0] = v;
    feed(0x64);
    feed(words[0] as number);
    return feed(words[1] as number);
  }
  if (typeof v === 'boolean') return feed(v ? 0x74 : 0x66);
  if (isArray(v)) {
    feed(0x5b);
    feed(v.length);
    for (let i = 0; i < v.length; i++) walk(v[i]); // a hole reads undefined, as `for…of` gives it
    return;
  }
  if (typeof v !== 'object') return feed(0x7a); // functions, symbols, bigint: refused by canonical JSON, hashed as null (never part of decoded domain values)
  const o = v as Readonly<Record<string, unknown>>;
  const outerA = a;
  const outerB = b;
  let sumA = 0;
  let sumB = 0;
  let n = 0;
  for (const k in o) {
    const x = o[k];
    if (x === undefined || !hasOwn.call(o, k)) continue;
    member(k, x);
    sumA = (sumA + a) | 0;
    sumB = (sumB + b) | 0;
    n++;
  }
  a = outerA;
  b = outerB;
  closeObject(n, sumA, sumB);
};

const HEX = [...'0123456789abcdef'].map((ch) => ch.charCodeAt(0));
const nibble = (h: number, shift: number): number => HEX[(h >>> shift) & 15] as number;

/** The lanes as 16 hex digits, in one string (toString(16) and padStart cost more than the hash). */
const hex = (x: number, y: number): string =>
  fromCharCode(
    nibble(x, 28), nibble(x, 24), nibble(x, 20), nibble(x, 16), nibble(x, 12), nibble(x, 8), nibble(x, 4), nibble(x, 0),
    nibble(y, 28), nibble(y, 24), nibble(y, 20), nibble(y, 16), nibble(y, 12), nibble(y, 8), nibble(y, 4), nibble(y, 0),
  );

/**
 * The end of a content's fingerprint, from the sums of its other members' mixed lanes:
 * `type` and `on` added as two more members, then the object closed over all `n`
 * (`n` counts them). The one ending of `contentHash` and `contentHashOfMembers`.
 */
const closeContent = (n: number, sumA: number, sumB: number, type: string, on: string): void => {
  member('type', type);
  sumA = (sumA + a) | 0;
  sumB = (sumB + b) | 0;
  member('on', on);
  sumA = (sumA + a) | 0;
  sumB = (sumB + b) | 0;
  a = SEED_A;
  b = SEED_B;
  closeObject(n, sumA, sumB);
};

export const contentHash = (fields: object, type: string, on: string, omit: (key: string) => boolean, omitToo: readonly string[] = NONE): string => {
  hashContent(fields, type, on, omit, omitToo);
  return hex(a, b);
};

/**
 * `contentHash` as eight one-byte characters (each lane's four bytes, high first) instead
 * of sixteen hex digits: the same figure in half the string, for the packed commandId
 * traces every folded state keeps (command-trace.ts).
 */
export const contentHashBytes = (fields: object, type: string, on: string, omit: (key: string) => boolean, omitToo: readonly string[] = NONE): string => {
  hashContent(fields, type, on, omit, omitToo);
  return fromCharCode(a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255, b >>> 24, (b >>> 16) & 255, (b >>> 8) & 255, b & 255);
};

/** Leaves in the lanes the fingerprint of `{ ...fields, type, on }` without the omitted members. */
const hashContent = (fields: object, type: string, on: string, omit: (key: string) => boolean, omitToo: readonly string[]): void => {
  a = SEED_A;
  b = SEED_B;
  const o = fields as Readonly<Record<string, unknown>>;
  let sumA = 0;
  let sumB = 0;
  let n = 2;
  for (const k in o) {
    const x = o[k];
    if (x === undefined || !hasOwn.call(o, k) || k === 'type' || k === 'on' || omit(k) || (omitToo.length > 0 && omitToo.includes(k))) continue;
    member(k, x);
    sumA = (sumA + a) | 0;
    sumB = (sumB + b) | 0;
    n++;
  }
  closeContent(n, sumA, sumB, type, on);
};

/**
 * The 64-bit fingerprint of one member of a content (its key and value), as `contentHash`
 * mixes it before summing: a content whose members are kept apart (survey-print.ts) can
 * have one member replaced by a correction without the others' values.
 */
export const memberHash = (k: string, x: unknown): string => {
  member(k, x);
  const h = hex(a, b);
  a = SEED_A;
  b = SEED_B;
  return h;
};

/** One lane of a `hex` fingerprint back as a 32-bit integer. */
const lane = (h: string, from: number): number => {
  let x = 0;
  for (let i = from; i < from + 8; i++) {
    const c = h.charCodeAt(i);
    x = (x << 4) | (c <= 0x39 ? c - 0x30 : c - 0x57);
  }
  return x;
};

/**
 * `contentHash` of a content whose members' fingerprints (`memberHash`, keyed by member)
 * are all that is kept of it: the same figure, because `contentHash` sums its members'
 * mixed lanes, so a survey's print (survey-print.ts) yields the commandId fingerprint of
 * the survey without walking its data a second time.
 */
export const contentHashOfMembers = (members: Readonly<Record<string, string>>, type: string, on: string): string => {
  let sumA = 0;
  let sumB = 0;
  let n = 2;
  for (const k in members) {
    if (!hasOwn.call(members, k)) continue;
    const h = members[k] as string;
    sumA = (sumA + lane(h, 0)) | 0;
    sumB = (sumB + lane(h, 8)) | 0;
    n++;
  }
  closeContent(n, sumA, sumB, type, on);
  return hex(a, b);
};
