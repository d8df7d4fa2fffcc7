/**
 * Waits for a condition another process brings about (a status file written, a
 * checkpoint moved), polling every `everyMs` for at most two minutes: generous, because
 * CI's two cores are shared and a child process can be slow to start.
 */
export const until = async (what: string, ok: () => boolean, everyMs = 100): Promise<void> => {
  const deadline = 120_000 / everyMs;
  for (let i = 0; i < deadline; i++) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`gave up waiting: ${what}`);
};
