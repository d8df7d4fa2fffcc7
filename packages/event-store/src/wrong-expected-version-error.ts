import type { ExpectedVersion } from './event-store';

/** The optimistic-concurrency check failed: someone else wrote to the stream first. */
export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** Version of the stream's last event at the time of the check (-1: no stream). */
    readonly actual: number,
  ) {
    super(`wrong expected version for stream ${streamId}: expected ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export const isWrongExpectedVersionError = (error: unknown): error is WrongExpectedVersionError =>
  error instanceof WrongExpectedVersionError;
