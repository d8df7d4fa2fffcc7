import * as E from 'fp-ts/Either';
import { BusinessDate, yearOf } from '../../dates';
import { Decision } from '../decision';
import { domainError } from '../errors';

/** A member as a command lists it, with the path that names its birth year in the command. */
export interface ListedBirth {
  readonly path: string;
  readonly birthYear: number;
}

/**
 * No one is registered or added before the year they were born (docs/decisions/0133): a
 * birth year after the year of the command's date is a mistyped year, refused as
 * INVALID_COMMAND naming each such field. Decided by the Decider, not the codec, so that a
 * correction of a birth year is held to it when its history is replayed.
 */
export const bornBy = (members: readonly ListedBirth[], on: BusinessDate): Decision | undefined => {
  const year = yearOf(on);
  const unborn = members.filter((m) => m.birthYear > year);
  if (unborn.length === 0) return undefined;
  const fields = unborn.map((m) => ({ path: m.path, message: `born in ${m.birthYear}, after ${year}, the year of the command's date` }));
  return E.left(domainError('INVALID_COMMAND', `no member is born after the year of the command's date: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`, fields));
};
