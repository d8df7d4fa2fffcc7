import type { AppendOverLimit } from '@hearth/event-store';

/**
 * The import checkpoint of one line alone is over the store's append limit (docs/decisions/0152):
 * no cut makes it fit, and writing the line without keeping its rejection would let a rerun
 * skip it unlisted. Only a server limit of about a kilobyte gets here (a kept rejection is a
 * few hundred bytes), so the import stops, naming the line, the size and the limit; nothing of
 * the line is written, and once the limit is raised the same import resumes before it.
 * `line` is the one line the checkpoint keeps or decides, a rejection carried from a batch
 * that lost its races included (decision 152); undefined only for a checkpoint of no line.
 */
export class CheckpointTooLargeError extends Error {
  constructor(
    readonly line: number | undefined,
    readonly refusal: AppendOverLimit,
  ) {
    super(
      `${line === undefined ? 'the import checkpoint' : `the import checkpoint that keeps line ${line}'s outcome`} is ${refusal.size} bytes, over the store's append limit of ${refusal.limit} bytes, and cannot be cut smaller: nothing of it was written. Raise the server's MaxAppendSize and give it as maxAppendSize in the store URL`,
    );
    this.name = 'CheckpointTooLargeError';
  }
}
