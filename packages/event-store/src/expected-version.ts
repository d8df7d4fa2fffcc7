import type { ExpectedVersion } from './event-store';
import { WrongExpectedVersionError } from './wrong-expected-version-error';

/** Shared by the adapters so that every one of them reads ExpectedVersion the same way. */
export const assertExpectedVersion = (streamId: string, expected: ExpectedVersion, actual: number): void => {
  if (!matchesExpectedVersion(expected, actual)) throw new WrongExpectedVersionError(streamId, expected, actual);
};

export const matchesExpectedVersion = (expected: ExpectedVersion, actual: number): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === -1;
    case 'stream_exists':
      return actual >= 0;
    default:
      return expected === actual;
  }
};

/** Rejects nonsense such as 1.5 or -2 before it reaches a store (a caller bug, not a conflict). */
export const validateExpectedVersion = (expected: ExpectedVersion): void => {
  if (typeof expected === 'number' && !(Number.isInteger(expected) && expected >= -1)) {
    throw new RangeError(`expected version must be an integer >= -1, got ${expected}`);
  }
};
