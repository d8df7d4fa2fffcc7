/**
 * The read models could not be read at one consistent position in time: they kept
 * falling behind the log or being reset (a rebuild running in another process).
 */
export class ReadModelsNotReadyError extends Error {
  constructor(readonly position: number, readonly wanted: number) {
    super(`the read models are at position ${position} and not yet at ${wanted} (a rebuild or a catch-up is under way elsewhere); try again`);
    this.name = 'ReadModelsNotReadyError';
  }
}
