import { compare, interleaving, median, perSecond, ratioOf, type Trial } from './harness';
import { parseArgs } from './main';

/** A clock that only moves when a measured function says so: the arithmetic becomes exact. */
class FakeClock {
  t = 1_000;
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A trial whose k-th run "takes" durations[k] ms of fake time and returns k. */
const scripted = (clock: FakeClock, durations: readonly number[], log: string[], name: string): Trial<number, number> => {
  let k = 0;
  return {
    prepare: () => {
      clock.advance(10_000); // untimed work: must not count
      return k;
    },
    run: (input) => {
      clock.advance(durations[k] as number);
      log.push(`${name}${k}`);
      k++;
      return input;
    },
    cleanup: () => clock.advance(10_000),
  };
};

describe('median and ratio arithmetic', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow(RangeError);
  });

  it('never divides by zero into NaN', () => {
    expect(ratioOf(20, 5)).toBe(4);
    expect(ratioOf(3, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(ratioOf(0, 0)).toBe(1);
    expect(perSecond(500, 250)).toBe(2000);
  });
});

describe('compare (fake clock)', () => {
  it('times only run, interleaves S B / B S, and divides the medians', async () => {
    const clock = new FakeClock();
    const log: string[] = [];
    const c = await compare({
      rounds: 3,
      clock: clock.now,
      subject: scripted(clock, [30, 10, 20], log, 'S'),
      baseline: scripted(clock, [5, 4, 6], log, 'B'),
    });
    expect(c.subject.ms).toEqual([30, 10, 20]);
    expect(c.baseline.ms).toEqual([5, 4, 6]);
    expect(c.subject.medianMs).toBe(20);
    expect(c.baseline.medianMs).toBe(5);
    expect(c.ratio).toBe(4);
    expect(c.order).toEqual(['S', 'B', 'B', 'S', 'S', 'B']);
    expect(log).toEqual(['S0', 'B0', 'B1', 'S1', 'S2', 'B2']);
    expect(c.subject.results).toEqual([0, 1, 2]);
  });

  it('a single outlier does not move the median', async () => {
    const clock = new FakeClock();
    const c = await compare({
      rounds: 3,
      clock: clock.now,
      subject: scripted(clock, [12, 900, 12], [], 'S'),
      baseline: scripted(clock, [3, 3, 300], [], 'B'),
    });
    expect(c.ratio).toBe(4);
  });

  it('warm-up runs are neither timed nor kept', async () => {
    const clock = new FakeClock();
    const c = await compare({
      rounds: 1,
      warmup: 2,
      clock: clock.now,
      subject: scripted(clock, [100, 100, 8], [], 'S'),
      baseline: scripted(clock, [100, 100, 2], [], 'B'),
    });
    expect(c.subject.ms).toEqual([8]);
    expect(c.baseline.ms).toEqual([2]);
    expect(c.ratio).toBe(4);
  });

  it('reports every run and refuses a non-positive number of rounds', async () => {
    const clock = new FakeClock();
    const seen: string[] = [];
    await compare({
      rounds: 2,
      clock: clock.now,
      subject: scripted(clock, [1, 2], [], 'S'),
      baseline: scripted(clock, [3, 4], [], 'B'),
      onRun: (side, round, ms) => seen.push(`${side}${round}:${ms}`),
    });
    expect(seen).toEqual(['S0:1', 'B0:3', 'B1:4', 'S1:2']);
    await expect(compare({ rounds: 0, subject: { run: () => 0 }, baseline: { run: () => 0 } })).rejects.toThrow(RangeError);
  });

  it('the first round is always subject-first', () => {
    expect(interleaving(1)).toEqual(['S', 'B']);
    expect(interleaving(4)).toEqual(['S', 'B', 'B', 'S', 'S', 'B', 'B', 'S']);
  });
});

describe('runner arguments', () => {
  it('defaults to 2,000 households, seed 1, 3 rounds, a table', () => {
    expect(parseArgs([])).toEqual({ households: 2000, seed: 1, rounds: 3, json: false, keep: false, importWorkers: 2 });
  });

  it('reads --households, --json and friends, and refuses nonsense', () => {
    expect(parseArgs(['--households', '30', '--json', '--rounds', '1', '--work', '/tmp/x', '--keep', '--import-workers', '1'])).toEqual({ households: 30, seed: 1, rounds: 1, json: true, keep: true, importWorkers: 1, workDir: '/tmp/x' });
    expect(() => parseArgs(['--import-workers', '0'])).toThrow(/--import-workers/);
    expect(() => parseArgs(['--households', '0'])).toThrow(/--households/);
    expect(() => parseArgs(['--frobnicate'])).toThrow(/unknown argument/);
  });
});
