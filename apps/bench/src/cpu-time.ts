/** The process's CPU time (user + system, every thread) while `f` runs, in ms: a side's cost on a shared machine, where wall time is another's too. */
export const cpuMs = async (f: () => Promise<unknown>): Promise<number> => {
  const before = process.cpuUsage();
  await f();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};
