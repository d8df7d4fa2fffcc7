/**
 * Ends this process as SIGTERM would once `parent`, the process that started it, is no longer
 * its parent (it died: this one was re-parented). `hearth import --workers` passes SIGTERM,
 * SIGINT and SIGHUP on to its parts, but `kill -9` of it cannot be passed on: its parts would go
 * on writing, and race the rerun meant to resume them (docs/decisions/0172).
 *
 * The parent names itself (`--stop-with-parent <pid>`) rather than this process taking
 * `process.ppid` as its parent when it gets here: that is after its modules have loaded, and a
 * parent killed meanwhile has already left it re-parented, to a parent that never changes
 * (docs/decisions/0210). For the same reason it looks at once, not only four times a second.
 * The check it answers is for the importer to call before each batch: a batch is decided
 * synchronously, and the timer cannot run while it is.
 *
 * A part stopped this way stops as one import does: what it committed stays, and the same
 * command run again resumes it.
 */
export const stopWithParent = (parent: number): (() => void) => {
  const check = (): void => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    // No handler of SIGTERM in a part: the process ends here, before the caller's next step.
    process.kill(process.pid, 'SIGTERM');
  };
  const watch = setInterval(check, 250);
  watch.unref();
  check();
  return check;
};
