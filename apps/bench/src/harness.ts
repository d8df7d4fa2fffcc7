/**
 * The measuring core: a subject and its baseline run side by side, interleaved, on the
 * same machine in the same minute, so that whatever noise the machine adds touches
 * both. Speed is reported as the ratio of the medians, never as an absolute threshold.
 */

/** Milliseconds from an arbitrary origin, monotonic. Injected so tests can script time. */
export type Clock = () => number;

export const systemClock: Clock = () => performance.now();

/**
 * This process's CPU time so far in ms (`process.cpuUsage()`, user + system, every thread:
 * the collector's helpers included): what the measuring scripts compare on a shared machine,
 * where another process's load moves wall time but hardly CPU time.
 */
export const cpuClock: Clock = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * One side of a comparison. `prepare` (untimed) builds a fresh input for each run — a
 * fresh database file, a copy of the imported store; `run` is timed; `cleanup` (untimed)
 * removes what `prepare` made.
 */
export interface Trial<P, R> {
  readonly prepare?: () => P | Promise<P>;
  readonly run: (input: P) => R | Promise<R>;
  readonly cleanup?: (input: P, result: R) => void | Promise<void>;
}

export interface Side<R> {
  /** Every run's time in ms, in the order they ran. */
  readonly ms: readonly number[];
  readonly medianMs: number;
  /** Every run's result, in the order they ran (for sanity checks and memory figures). */
  readonly results: readonly R[];
}

export interface Comparison<S, B> {
  readonly subject: Side<S>;
  readonly baseline: Side<B>;
  /** median(subject) / median(baseline): how many times the floor the subject costs. */
  readonly ratio: number;
  /** Which side ran when: 'S' subject, 'B' baseline. */
  readonly order: readonly ('S' | 'B')[];
}

export interface CompareOptions<PS, S, PB, B> {
  readonly subject: Trial<PS, S>;
  readonly baseline: Trial<PB, B>;
  /** Runs of each side (default 3). */
  readonly rounds?: number;
  readonly clock?: Clock;
  /** Untimed runs of each side before the timed ones (JIT warm-up for in-process work). Default 0. */
  readonly warmup?: number;
  /** Called after each run (progress on stderr). */
  readonly onRun?: (side: 'S' | 'B', round: number, ms: number) => void;
}

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) throw new RangeError('median of no values');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** A ratio that is safe to print: a zero-time baseline (a coarse clock) gives Infinity, not NaN. */
export const ratioOf = (subjectMs: number, baselineMs: number): number =>
  baselineMs > 0 ? subjectMs / baselineMs : subjectMs > 0 ? Number.POSITIVE_INFINITY : 1;

/**
 * Order of the runs: rounds alternate which side goes first (S B, B S, S B, …), so a
 * warming cache or a neighbour's burst of load does not always favour the same side.
 * The first round is always subject-first: some baselines are sized from the subject's
 * first result (the import floor writes as many rows as the import did).
 */
export const interleaving = (rounds: number): ('S' | 'B')[] =>
  Array.from({ length: rounds }, (_, r) => (r % 2 === 0 ? (['S', 'B'] as const) : (['B', 'S'] as const))).flat();

/** `f`'s result and the time it took on `clock` (default: wall time), ms. */
export const timed = async <T>(f: () => Promise<T>, clock: Clock = systemClock): Promise<{ ms: number; value: T }> => {
  const start = clock();
  const value = await f();
  return { ms: clock() - start, value };
};

/** One run of a trial, only `run` timed. */
const timedTrial = async <P, R>(trial: Trial<P, R>, clock: Clock): Promise<{ ms: number; result: R }> => {
  const input = (trial.prepare ? await trial.prepare() : undefined) as P;
  const { ms, value: result } = await timed(() => Promise.resolve(trial.run(input)), clock);
  if (trial.cleanup) await trial.cleanup(input, result);
  return { ms, result };
};

export const compare = async <PS, S, PB, B>(opts: CompareOptions<PS, S, PB, B>): Promise<Comparison<S, B>> => {
  const rounds = opts.rounds ?? 3;
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`rounds must be a positive integer, got ${rounds}`);
  const clock = opts.clock ?? systemClock;
  const order = interleaving(rounds);
  for (let w = 0; w < (opts.warmup ?? 0); w++) {
    await timedTrial(opts.subject, clock);
    await timedTrial(opts.baseline, clock);
  }
  const s = { ms: [] as number[], results: [] as S[] };
  const b = { ms: [] as number[], results: [] as B[] };
  for (const [i, side] of order.entries()) {
    const round = i >> 1;
    if (side === 'S') {
      const { ms, result } = await timedTrial(opts.subject, clock);
      s.ms.push(ms);
      s.results.push(result);
      opts.onRun?.('S', round, ms);
    } else {
      const { ms, result } = await timedTrial(opts.baseline, clock);
      b.ms.push(ms);
      b.results.push(result);
      opts.onRun?.('B', round, ms);
    }
  }
  const subject = { ms: s.ms, results: s.results, medianMs: median(s.ms) };
  const baseline = { ms: b.ms, results: b.results, medianMs: median(b.ms) };
  return { subject, baseline, ratio: ratioOf(subject.medianMs, baseline.medianMs), order };
};

/** items per second from a count and a time in ms. */
export const perSecond = (count: number, ms: number): number => (ms > 0 ? (count * 1000) / ms : Number.POSITIVE_INFINITY);
