/** Exit codes of cli.md: scripts depend on them. */
export const EXIT = {
  ok: 0,
  usage: 2,
  someRejected: 3,
  unknownTarget: 4,
  anomalies: 5,
  /** The store stayed locked by another process past every wait and retry: nothing changed, try again. */
  storeBusy: 6,
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
