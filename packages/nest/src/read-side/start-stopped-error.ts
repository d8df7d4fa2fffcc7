/**
 * The read models' catch-up at open stopped between two pages because the process was
 * asked to stop (`HearthModuleOptions.stopRequested`): the pages written stay written, and
 * the next start resumes from their checkpoints.
 */
export class StartStoppedError extends Error {
  constructor(readonly position: number) {
    super(`stopped while the read models caught up (at position ${position}); the next start resumes from there`);
    this.name = 'StartStoppedError';
  }
}
