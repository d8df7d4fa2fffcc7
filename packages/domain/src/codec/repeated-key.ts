/** The index of the quote that ends the string opening at `open` (a quote not escaped by an odd run of backslashes). */
const stringEnd = (text: string, open: number): number => {
  let end = text.indexOf('"', open + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0 || end < 0) return end < 0 ? text.length : end;
    end = text.indexOf('"', end + 1);
  }
};

/** Keys an object may have before its repeats are looked up in a Set rather than by a linear search. */
const MANY_KEYS = 32;

/**
 * The dotted path (`members.0.birthYear`) of the first key that an object of `text` gives
 * twice, or undefined. JSON.parse keeps the last value of a repeated key and drops the
 * others without a word (another parser may keep the first), so a command that says
 * `"on"` twice would be recorded with one of its two dates; the edges refuse it instead,
 * as they refuse an unknown field (docs/decisions/0146). One pass over the text, without
 * recursion; keys are compared as JSON.parse reads them (escapes decoded). Meant for text
 * that JSON.parse has accepted: on other text the answer means nothing.
 */
export const repeatedKeyPath = (text: string): string | undefined => {
  // Flat arrays, not an object and a Set per JSON object: this runs on every import line
  // (1.23 µs a line of the bench's 20,000-household log against 1.46-1.60 µs with a Set a frame; docs/decisions/0146).
  // The keys of every open object, innermost last; `from[d]` is where frame d's keys begin
  // in `keys`, or -1 for an array; `at[d]` is the key (object) or the index (array) being read.
  const keys: string[] = [];
  const from: number[] = [];
  const at: (string | number)[] = [];
  const many: (Set<string> | undefined)[] = [];
  // After `{` or `,` in an object, the next string is a key.
  let keyNext = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      i = stringEnd(text, i);
      if (!keyNext) continue;
      keyNext = false;
      const raw = text.slice(start + 1, i);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(start, i + 1)) as string) : raw;
      const d = from.length - 1;
      const begun = from[d] as number;
      // A command's objects are small: a linear search of this object's keys costs less than
      // a Set. An object of many keys (a hostile body) gets one, so the scan stays linear.
      let seen = many[d];
      if (seen === undefined && keys.length - begun >= MANY_KEYS) many[d] = seen = new Set(keys.slice(begun));
      if (seen !== undefined ? seen.has(key) : keys.indexOf(key, begun) !== -1) return [...at.slice(0, d).map(String), key].join('.');
      keys.push(key);
      seen?.add(key);
      at[d] = key;
    } else if (c === 0x7b /* { */) {
      from.push(keys.length);
      at.push('');
      many.push(undefined);
      keyNext = true;
    } else if (c === 0x5b /* [ */) {
      from.push(-1);
      at.push(0);
      many.push(undefined);
    } else if (c === 0x2c /* , */) {
      const d = from.length - 1;
      if (d < 0) continue;
      if (from[d] === -1) at[d] = (at[d] as number) + 1;
      else keyNext = true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      // An empty object ends without the key its `{` waited for.
      keyNext = false;
      const begun = from.pop() as number;
      at.pop();
      many.pop();
      if (begun >= 0) keys.length = begun;
    }
  }
  return undefined;
};

/** Deeper than this, the parsed value is not counted (the stack), and the scan decides. */
const MAX_COUNTED_DEPTH = 64;

/** How many keys the objects of a parsed value hold in all, or NaN if it nests deeper than MAX_COUNTED_DEPTH. */
const keyCount = (value: unknown, depth: number): number => {
  if (value === null || typeof value !== 'object') return 0;
  if (depth > MAX_COUNTED_DEPTH) return NaN;
  let n = 0;
  if (Array.isArray(value)) {
    for (const v of value) n += keyCount(v, depth + 1);
    return n;
  }
  for (const k in value) n += 1 + keyCount((value as Record<string, unknown>)[k], depth + 1);
  return n;
};

/**
 * How many colons of the text come straight after a `"`, or NaN if a colon comes after
 * JSON's whitespace (a key may then be written `"on" :`, and the count would miss it).
 */
const colonsAfterQuotes = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) {
    const before = text.charCodeAt(i - 1);
    if (before === 0x22 /* " */) n++;
    else if (before === 0x20 || before === 0x09 || before === 0x0a || before === 0x0d) return NaN;
  }
  return n;
};

/**
 * repeatedKeyPath(text), where `parsed` is JSON.parse(text): the same answer, mostly
 * without the scan. Every key of the text ends in `"` and then, unless the count gave up
 * on spacing, straight in its colon: the colons after a quote bound the keys written from
 * above. JSON.parse keeps one of each object's distinct keys: the parsed value's keys bound
 * them from below, equal only if no object repeats one. Equal counts thus prove there is
 * no repeat; anything else (`":` inside a string, spaced JSON, a repeat) is left to the
 * scan. A third of the scan's cost on the bench's import lines, where the scan costs about
 * what the line's JSON.parse does (docs/decisions/0146).
 */
export const repeatedKeyPathOf = (text: string, parsed: unknown): string | undefined =>
  colonsAfterQuotes(text) === keyCount(parsed, 0) ? undefined : repeatedKeyPath(text);
