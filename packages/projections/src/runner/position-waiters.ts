/**
 * Callers waiting for the read models to reach a log position (a command's answer that
 * should be readable once it returns). Each is settled once: resolved when the position
 * is reached, or rejected when the live subscription fails, since no position after the
 * failure would ever be reached without a restart.
 */
export class PositionWaiters {
  private waiting: { position: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;

  /**
   * A promise settled when `position` is reached (by `reached()` now, or a later `reach`), or
   * when `fail` is called first. `waiting`, called when it has to wait, may reject it itself.
   */
  add(position: number, reached: () => number, waiting?: (reject: (e: Error) => void) => void): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (reached() >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiting.push({ position, resolve, reject });
      waiting?.(reject);
    });
  }

  /** Resolves those waiting for the position `reached()` returns, or an earlier one; asks it only when someone waits. */
  reach(reached: () => number): void {
    if (this.waiting.length === 0) return;
    const at = reached();
    const due = this.waiting.filter((w) => w.position <= at);
    this.waiting = this.waiting.filter((w) => w.position > at);
    for (const w of due) w.resolve();
  }

  /** Rejects everyone waiting, and every later `add`, until `clear`. */
  fail(error: Error): void {
    this.failure = error;
    for (const w of this.waiting) w.reject(error);
    this.waiting = [];
  }

  /** Forgets a failure: the live subscription is restarting. */
  clear(): void {
    this.failure = undefined;
  }
}
