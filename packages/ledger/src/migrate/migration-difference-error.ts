/**
 * The target already holds something else than the source at a place the migration would
 * write: another event at a version, or more events than the source has. Nothing is
 * overwritten; the migration stops here.
 */
export class MigrationDifferenceError extends Error {
  constructor(
    readonly streamId: string,
    readonly streamVersion: number,
    readonly detail: string,
  ) {
    super(`stream ${streamId} at version ${streamVersion} differs between the source and the target: ${detail}; nothing was overwritten`);
    this.name = 'MigrationDifferenceError';
  }
}
