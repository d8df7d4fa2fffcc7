/** One append the window may run: to one stream, holding events recorded within [earliest, latest] (ms). */
export interface WindowedAppend {
  readonly streamId: string;
  /** NaN when a recording time cannot be read: such an append runs alone. */
  readonly earliest: number;
  readonly latest: number;
  /**
   * The append must keep its place in the log against every other stream: it waits for
   * everything before it and nothing starts until it ends.
   */
  readonly alone?: boolean;
  run(): Promise<void>;
}

/**
 * Runs appends in the order they are submitted, several at a time, under four rules:
 * at most `limit` in flight; never two to the same stream (so each stream's events keep
 * their order); an append marked `alone` runs with no other; and only appends whose
 * events were all recorded within `spanMs` of one another run together. Appends in flight together may land in either order; the span
 * rule keeps any such swap between events recorded less than `spanMs` apart, so the
 * target's log steps back in recording time by at most the source's largest step plus
 * twice `spanMs` (docs/decisions/0048). `submit` waits until the append may start, so
 * the caller's loop is held back (nothing overtakes a waiting append).
 */
export class AppendWindow {
  private readonly inFlight = new Map<Promise<void>, WindowedAppend>();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly limit: number,
    private readonly spanMs: number,
  ) {}

  async submit(append: WindowedAppend): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure.error;
      if (this.admits(append)) break;
      await Promise.race(this.inFlight.keys());
    }
    const running: Promise<void> = append.run().then(
      () => void this.inFlight.delete(running),
      (error: unknown) => {
        this.failure ??= { error };
        this.inFlight.delete(running);
      },
    );
    this.inFlight.set(running, append);
  }

  /** Waits for every append in flight; throws the first failure, if any. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.race(this.inFlight.keys());
    if (this.failure) throw this.failure.error;
  }

  private admits(next: WindowedAppend): boolean {
    if (this.inFlight.size === 0) return true;
    if (this.inFlight.size >= this.limit || next.alone === true || Number.isNaN(next.earliest) || Number.isNaN(next.latest)) return false;
    let earliest = next.earliest;
    let latest = next.latest;
    for (const running of this.inFlight.values()) {
      if (running.streamId === next.streamId || running.alone === true || Number.isNaN(running.earliest)) return false;
      earliest = Math.min(earliest, running.earliest);
      latest = Math.max(latest, running.latest);
    }
    return latest - earliest <= this.spanMs;
  }
}
