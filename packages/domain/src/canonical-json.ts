/**
 * Canonical JSON: the byte-exact text the hash chain is computed over, and what "the same
 * content" means wherever two values must compare or hash equal exactly when their content
 * does (idempotent repeats, replay, the access log). The one definition (docs/decisions/0103).
 *
 * Object keys are sorted (UTF-16 code-unit order, i.e. the default `sort()`), no
 * whitespace, arrays keep their order. Values are normalised exactly as
 * `JSON.stringify` would store them (`toJSON` honoured, `undefined` members
 * dropped, `undefined` array slots and holes become `null`) so that the hash of an event
 * computed before it is stored equals the hash recomputed after it is read back.
 * Non-finite numbers, bigints, functions and symbols are refused instead of being
 * silently rewritten, because they would not survive a round trip; so is `undefined`
 * at the top. A refusal is a value (`NonCanonicalValue`, naming where), as every error
 * in the domain; decoded values never hold what is refused.
 *
 * Written once, as UTF-8 bytes into a reused buffer (CanonicalWriter, canonical-writer.ts):
 * the seal hashes those bytes and reads its stored texts out of them, so an event's
 * canonical text is neither built by concatenation nor flattened and encoded again by the
 * hash (docs/decisions/0102). `toCanonicalJson` reads the same bytes out as a string.
 */
import * as E from 'fp-ts/Either';
import { CanonicalWriter, type NonCanonicalValue } from './canonical-writer';

export { CanonicalWriter } from './canonical-writer';
export type { NonCanonicalValue } from './canonical-writer';

export const toCanonicalJson = (value: unknown): E.Either<NonCanonicalValue, string> => {
  const writer = CanonicalWriter.take();
  try {
    const refused = writer.write(value);
    return refused === undefined ? E.right(writer.text(0, writer.length)) : E.left(refused);
  } finally {
    writer.release();
  }
};
