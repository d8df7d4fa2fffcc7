/**
 * The target already holds something else than the source at a place the migration would
 * write: another event at a version, more events than the source has, or (`streamVersion`
 * -1) a stream the source does not have. Nothing is overwritten; the migration stops here.
 */
export class MigrationDifferenceError extends Error {
  constructor(
    readonly streamId: string,
    readonly streamVersion: number,
    readonly detail: string,
  ) {
    super(
      streamVersion < 0
        ? `stream ${streamId} is on the target only: ${detail}; nothing was overwritten`
        : `stream ${streamId} at version ${streamVersion} differs between the source and the target: ${detail}; nothing was overwritten`,
    );
    this.name = 'MigrationDifferenceError';
  }
}
