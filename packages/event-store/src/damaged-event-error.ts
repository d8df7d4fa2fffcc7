/**
 * A stored event that cannot be read as what it claims to be: its data or metadata is
 * not JSON, or it does not decode as an event of its type. Nothing the ledger writes can
 * produce one; it means the storage was edited behind the ledger's back (or damaged).
 * Readers stop here rather than skip it: a figure computed without it would be wrong
 * without saying so (docs/decisions/0013-damaged-events.md).
 */
export class DamagedEventError extends Error {
  constructor(
    readonly position: number,
    readonly streamId: string,
    readonly reason: string,
  ) {
    super(`the stored event at position ${position} (stream ${streamId}) is damaged: ${reason}`);
    this.name = 'DamagedEventError';
  }
}

/** By name and shape, not `instanceof`: the error may come from another module registry (jest, a duplicated package). */
export const isDamagedEventError = (error: unknown): error is DamagedEventError =>
  error instanceof DamagedEventError ||
  (error instanceof Error &&
    error.name === 'DamagedEventError' &&
    typeof (error as { position?: unknown }).position === 'number' &&
    typeof (error as { streamId?: unknown }).streamId === 'string');
