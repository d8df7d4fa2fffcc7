/**
 * Whether a process with this id exists, as a lock's holder or a parent is asked after:
 * signal 0 sends nothing, and EPERM means it exists under another user.
 */
export const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};
