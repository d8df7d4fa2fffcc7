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
  const text = write(value, '$');
  if (text === undefined) throw new NonCanonicalValueError('$', 'top-level value is undefined');
  return text;
};

const write = (input: unknown, path: string): string | undefined => {
  const value = hasToJson(input) ? input.toJSON() : input;
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NonCanonicalValueError(path, `non-finite number ${value}`);
      return JSON.stringify(value);
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new NonCanonicalValueError(path, `unsupported type ${typeof value}`);
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        return `[${value.map((item, i) => write(item, `${path}[${i}]`) ?? 'null').join(',')}]`;
      }
      return writeObject(value as Record<string, unknown>, path);
  }
};

const writeObject = (value: Record<string, unknown>, path: string): string => {
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const text = write(value[key], `${path}.${key}`);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
};

const hasToJson = (value: unknown): value is { toJSON(): unknown } =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
