import type { AppendOverLimit } from './append-limit';
import type { CommandResult } from './command-result';

/**
 * A command whose events the store would refuse in one append for their size
 * (EventStore.appendLimit): nothing appended for it, and the batch written without it.
 */
export interface TooLargeForStore {
  status: 'too-large';
  streamId: string;
  refusal: AppendOverLimit;
}

/** What `handleMany` reports for one command: what a command handler reports, or that the store cannot take it. */
export type BatchResult<Err> = CommandResult<Err> | TooLargeForStore;

/** How each command of a batch was decided, before the batch is written. */
export type BatchDecision<Err> = { status: 'accepted' } | { status: 'unchanged' } | { status: 'rejected'; error: Err } | { status: 'too-large'; refusal: AppendOverLimit };

/** What `decideMany` reports for one command: how it was decided, or that every attempt lost a race (CommandResult's conflict). */
export type BatchStatus<Err> = BatchDecision<Err> | { status: 'conflict'; attempts: number };

/** A command's result decided in an attempt: every result but a lost race, which only the whole batch can tell. */
export type Decided<Err> = Exclude<BatchResult<Err>, { status: 'conflict' }>;

/** One answer for every accepted, and every unchanged, command: a batch reports a thousand. */
export const ACCEPTED: BatchDecision<never> = Object.freeze({ status: 'accepted' });
export const UNCHANGED: BatchDecision<never> = Object.freeze({ status: 'unchanged' });

/** How a command decided in an attempt went, as `decideMany` and `alsoAppend` are told. */
export const decisionOfResult = <Err>(r: Decided<Err>): BatchDecision<Err> => {
  switch (r.status) {
    case 'accepted':
      return ACCEPTED;
    case 'unchanged':
      return UNCHANGED;
    case 'rejected':
      return { status: 'rejected', error: r.error };
    case 'too-large':
      return { status: 'too-large', refusal: r.refusal };
    default: {
      const unreachable: never = r;
      return unreachable;
    }
  }
};

export const statusOf = <Err>(r: BatchResult<Err>): BatchStatus<Err> => (r.status === 'conflict' ? { status: 'conflict', attempts: r.attempts } : decisionOfResult(r));

