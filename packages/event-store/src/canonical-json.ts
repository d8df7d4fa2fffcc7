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
 *
 * Written once, as UTF-8 bytes into a reused buffer (CanonicalWriter): the seal hashes
 * those bytes and reads its stored texts out of them, so an event's canonical text is
 * neither built by concatenation nor flattened and encoded again by the hash
 * (docs/decisions/0102). `canonicalJson` reads the same bytes out as a string.
 */
import { CanonicalWriter, Unwritable } from './canonical-writer';

export class NonCanonicalValueError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`cannot canonicalise value at ${path || '$'}: ${reason}`);
    this.name = 'NonCanonicalValueError';
  }
}

export const canonicalJson = (value: unknown): string => {
  const writer = CanonicalWriter.take();
  try {
    writeCanonical(writer, value);
    return writer.text(0, writer.length);
  } finally {
    writer.release();
  }
};

/**
 * Appends `value`'s canonical JSON to `writer`; a value canonical JSON refuses, or
 * `undefined` (after `toJSON`), throws NonCanonicalValueError naming where it is.
 */
export const writeCanonical = (writer: CanonicalWriter, value: unknown): void => {
  let wrote: boolean;
  try {
    wrote = writer.value(value);
  } catch (error) {
    if (error instanceof Unwritable) throw new NonCanonicalValueError(`$${error.where.reverse().join('')}`, error.reason);
    throw error;
  }
  if (!wrote) throw new NonCanonicalValueError('$', 'top-level value is undefined');
};
