/** Exit codes of cli.md: scripts depend on them. */
export const EXIT = {
  ok: 0,
  /** Not in cli.md's list: a bug in Hearth (the message says so). */
  unexpected: 1,
  usage: 2,
  someRejected: 3,
  unknownTarget: 4,
  anomalies: 5,
  /**
   * Added to cli.md's list (docs/decisions/0018-cli-failures-and-bounded-input.md): the machine failed
   * — disk full, I/O error, store locked, no permission. What was committed stays
   * committed; the same command run again after the fix finishes the work.
   */
  systemFailure: 6,
} as const;

/** An error that ends the command with a given exit code and a message for people. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
