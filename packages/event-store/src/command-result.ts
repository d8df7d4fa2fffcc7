/** What a command handler reports for one command. A conflict is a result, not an exception. */
export interface AcceptedEvent {
  eventId: string;
  type: string;
  streamVersion: number;
  hash: string;
}

export type CommandResult<Err> =
  | {
      status: 'accepted';
      streamId: string;
      events: AcceptedEvent[];
      nextExpectedVersion: number;
      /** Global position of the command's last event. */
      lastPosition: number;
    }
  /** The decider had nothing to add (an idempotent repeat): nothing was appended. */
  | { status: 'unchanged'; streamId: string; version: number }
  /** The decider said no: nothing was appended. */
  | { status: 'rejected'; streamId: string; error: Err }
  /** Every attempt lost the optimistic-concurrency race: nothing was appended; the caller may resubmit. */
  | { status: 'conflict'; streamId: string; attempts: number };
