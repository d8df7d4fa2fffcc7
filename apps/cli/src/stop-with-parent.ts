/**
 * Ends this process as SIGTERM would once the process that started it is gone (its parent id
 * changes: it was re-parented), checked four times a second. `hearth import --workers` passes
 * SIGTERM, SIGINT and SIGHUP on to its parts, but `kill -9` of it cannot be passed on: its
 * parts would go on writing, and race the rerun meant to resume them (docs/decisions/0172).
 * A part stopped this way stops as one import does: what it committed stays, and the same
 * command run again resumes it.
 */
export const stopWithParent = (): void => {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    process.kill(process.pid, 'SIGTERM');
  }, 250);
  watch.unref();
};
