import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { boundedArray, closed, fieldErrors, FieldError, IdC, oneOf } from '@hearth/domain';

export const ROLES = ['caseworker', 'auditor', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** Long enough that guessing is hopeless; the demo tokens are 32 random bytes in hex. */
export const MIN_TOKEN_LENGTH = 16;
const isToken = (u: unknown): u is string => typeof u === 'string' && u.length >= MIN_TOKEN_LENGTH && u.length <= 512 && !/\s/.test(u);
const TokenC = new t.Type<string, string, unknown>(
  `Token (${MIN_TOKEN_LENGTH}..512 characters, no whitespace)`,
  isToken,
  (u, c) => (isToken(u) ? t.success(u) : t.failure(u, c)),
  (a) => a,
);

/** One line of the token file named by HEARTH_TOKENS. `name` becomes the actor of the events its holder records. */
export const TokenEntryC = closed('TokenEntry', { token: TokenC, role: oneOf(ROLES) }, { division: IdC, name: IdC });
export type TokenEntry = t.TypeOf<typeof TokenEntryC>;

export const TokenFileC = boundedArray(TokenEntryC, 10_000, 1);

/**
 * Decodes a token file's parsed JSON: every entry well formed, a caseworker bound to a
 * division, the others not, and no token listed twice (it could not say which role it has).
 */
export const parseTokenFile = (input: unknown): E.Either<FieldError[], TokenEntry[]> => {
  const decoded = TokenFileC.decode(input);
  if (E.isLeft(decoded)) return E.left(fieldErrors(decoded.left));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  decoded.right.forEach((entry, i) => {
    if (entry.role === 'caseworker' && entry.division === undefined)
      errors.push({ path: `${i}.division`, message: 'a caseworker token needs the division it may work in' });
    if (entry.role !== 'caseworker' && entry.division !== undefined)
      errors.push({ path: `${i}.division`, message: `a ${entry.role} token is not bound to a division` });
    if (seen.has(entry.token)) errors.push({ path: `${i}.token`, message: 'this token is listed twice' });
    seen.add(entry.token);
  });
  return errors.length > 0 ? E.left(errors) : E.right(decoded.right);
};

/** Reads the token file's text (JSON), with the reason when it is not usable. */
export const parseTokenFileText = (text: string): E.Either<FieldError[], TokenEntry[]> => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return E.left([{ path: '', message: `not JSON: ${(e as Error).message}` }]);
  }
  return parseTokenFile(value);
};
