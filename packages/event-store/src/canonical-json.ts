/**
 * Canonical JSON: the byte-exact text the hash chain is computed over.
 *
 * Object keys are sorted (UTF-16 code-unit order, i.e. the default `sort()`), no
 * whitespace, arrays keep their order. Values are normalised exactly as
 * `JSON.stringify` would store them (`toJSON` honoured, `undefined` members
 * dropped, `undefined` array slots become `null`) so that the hash of an event
 * computed before it is stored equals the hash recomputed after it is read back.
 * Non-finite numbers, bigints, functions and symbols are rejected instead of being
 * silently rewritten, because they would not survive a round trip.
 */
export class NonCanonicalValueError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`cannot canonicalise value at ${path || '$'}: ${reason}`);
    this.name = 'NonCanonicalValueError';
  }
}

export const canonicalJson = (value: unknown): string => {
  let text: string | undefined;
  try {
    text = write(value);
  } catch (error) {
    if (error instanceof Unwritable) throw new NonCanonicalValueError(`$${error.where.reverse().join('')}`, error.reason);
    throw error;
  }
  if (text === undefined) throw new NonCanonicalValueError('$', 'top-level value is undefined');
  return text;
};

/**
 * Thrown inside the writer; each enclosing array or object adds its step on the way
 * out (innermost first), so no path is built unless a value is refused: building one
 * for every member cost more than writing the member.
 */
class Unwritable {
  readonly where: string[] = [];
  constructor(readonly reason: string) {}
}

const write = (input: unknown): string | undefined => {
  const value = hasToJson(input) ? input.toJSON() : input;
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
      return jsonString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Unwritable(`non-finite number ${value}`);
      // A finite number's JSON text is its string conversion (-0 included: both write "0").
      return `${value}`;
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new Unwritable(`unsupported type ${typeof value}`);
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? writeArray(value) : writeObject(value as Record<string, unknown>);
  }
};

const writeArray = (value: readonly unknown[]): string => {
  let text = '[';
  for (let i = 0; i < value.length; i++) {
    if (i > 0) text += ',';
    let member: string | undefined;
    try {
      member = write(value[i]);
    } catch (error) {
      throw within(error, `[${i}]`);
    }
    text += member ?? 'null';
  }
  return `${text}]`;
};

const writeObject = (value: Record<string, unknown>): string => {
  let text = '{';
  const keys = sortedKeys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    let member: string | undefined;
    try {
      member = write(value[key]);
    } catch (error) {
      throw within(error, `.${key}`);
    }
    if (member === undefined) continue;
    text += memberHead(key, text.length > 1);
    text += member;
  }
  return `${text}}`;
};

/**
 * An object's keys in UTF-16 code-unit order (what `sort()` gives). An event's objects
 * hold a few keys, often in order already (a stored event read back): for those an
 * insertion sort with `<` costs one pass, where `sort()` with its default comparison
 * compares every pair through the generic path. Larger objects are sorted by `sort()`,
 * whose cost does not grow with the square of their size.
 */
const INSERTION_SORTED_KEYS = 16;
const sortedKeys = (value: object): string[] => {
  const keys = Object.keys(value);
  if (keys.length > INSERTION_SORTED_KEYS) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    if ((keys[j] as string) < key) continue;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
};

/**
 * What goes before a member's value: its key as JSON text and a colon, after a comma
 * unless it is the first member. Events repeat a few dozen keys, so each piece is written
 * once and kept (bounded: a store of arbitrary keys would otherwise grow without end);
 * a member then costs two concatenations, not four.
 */
const MEMBER_HEADS = 4096;
const firstHeads = new Map<string, string>();
const laterHeads = new Map<string, string>();
const memberHead = (key: string, later: boolean): string => {
  const heads = later ? laterHeads : firstHeads;
  let head = heads.get(key);
  if (head === undefined) {
    head = `${later ? ',' : ''}${jsonString(key)}:`;
    if (heads.size < MEMBER_HEADS) heads.set(key, head);
  }
  return head;
};

/**
 * `JSON.stringify(text)`: the text quoted, as is when no character needs escaping — none
 * below U+0020, no `"` or `\`, no UTF-16 surrogate (the engine escapes a lone one) —
 * which is almost every text an event holds; the engine's own writer otherwise. Quoting
 * in place spares a call into the engine's C++ JSON writer per text, the largest part of
 * writing an event's data (docs/decisions/0095).
 */
export const jsonString = (text: string): string => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(text);
  }
  return `"${text}"`;
};

/** An array index or an object key: the step is only spelled out when a value is refused. */
const within = (error: unknown, step: string): unknown => {
  if (error instanceof Unwritable) error.where.push(step);
  return error;
};
const hasToJson = (value: unknown): value is { toJSON(): unknown } =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
