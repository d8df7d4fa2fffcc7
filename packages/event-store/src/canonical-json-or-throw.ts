/**
 * Canonical JSON as the store uses it (the rules and the writer are the domain's,
 * @hearth/domain canonical-json.ts): a value canonical JSON refuses is a caller's bug — an
 * event no decoder produced — so here it throws NonCanonicalValueError naming where it
 * is, and an append that meets one appends nothing.
 */
import { CanonicalWriter, toCanonicalJson, type NonCanonicalValue } from '@hearth/domain';
import * as E from 'fp-ts/Either';

export class NonCanonicalValueError extends Error {
  readonly path: string;
  readonly reason: string;
  constructor({ path, reason }: NonCanonicalValue) {
    super(`cannot canonicalise value at ${path}: ${reason}`);
    this.name = 'NonCanonicalValueError';
    this.path = path;
    this.reason = reason;
  }
}

export const canonicalJson = (value: unknown): string => {
  const text = toCanonicalJson(value);
  if (E.isLeft(text)) throw new NonCanonicalValueError(text.left);
  return text.right;
};

/** Appends `value`'s canonical JSON to `writer`, or throws NonCanonicalValueError. */
export const writeCanonical = (writer: CanonicalWriter, value: unknown): void => {
  const refused = writer.write(value);
  if (refused !== undefined) throw new NonCanonicalValueError(refused);
};
