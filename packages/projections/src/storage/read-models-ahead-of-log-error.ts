/**
 * The read models have taken in more of the log than the log now holds: their checkpoint
 * is past the log's last position, read after it. An honest log only grows, so events they
 * were built from are gone (the last events removed, positions renumbered, or the log put
 * back from an older copy). No wait or retry brings them level: it is a finding, not a
 * busy store (ReadModelsNotReadyError).
 */
export class ReadModelsAheadOfLogError extends Error {
  constructor(readonly position: number, readonly head: number) {
    super(
      `the read models have taken in the log up to position ${position}, but the log now ends at position ${head}: ` +
        'events they were built from are no longer in the log (removed, renumbered, or the log restored from an older copy). ' +
        'Run `hearth verify` (with --anchor) to see what the log lost; `hearth rebuild` builds the read models from the log as it now is',
    );
    this.name = 'ReadModelsAheadOfLogError';
  }
}
