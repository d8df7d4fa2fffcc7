import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CliRun, hearth, signalledWhen, tempDir } from './support/cli';
import { eventCount, householdRows } from './support/household-rows';

interface Rejection {
  readonly line: number;
  readonly householdId: string | null;
  readonly type: string | null;
  readonly code: string;
}

interface PartCounts {
  readonly part: string;
  readonly exitCode: number;
  readonly accepted: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly skipped: number;
  readonly resumedAfterLine: number;
}

interface Summary {
  readonly accepted: number;
  readonly unchanged: number;
  readonly rejected: Rejection[];
  readonly skipped: number;
  readonly resumedAfterLine: number;
  readonly earlierRejected: Rejection[];
  readonly parts?: PartCounts[];
}

interface Imported {
  readonly code: number | null;
  readonly summary: Summary;
}

/** What two runs must agree on of a rejected line; the message's words are the decider's, tested elsewhere. */
const which = (rows: readonly Rejection[]) => rows.map(({ line, householdId, type, code }) => ({ line, householdId, type, code }));

const summaryOf = (r: CliRun): Imported => {
  if (r.stdout === '') throw new Error(`hearth import printed no summary (exit ${r.code}): ${r.stderr}`);
  return { code: r.code, summary: JSON.parse(r.stdout) as Summary };
};

/**
 * `hearth import FILE --workers N` (docs/decisions/0172): the file's households cut in N parts,
 * each imported by a process of its own (`--part I/N`), through the real executable into real
 * SQLite files, against one import of the same generated region.
 */
describe('hearth import --workers', () => {
  let dir: string;
  let cleanup: () => void;
  let log: string;
  let lines: number;
  let divisions: string;
  let plain: Imported;
  let split: Imported;

  const path = (store: string) => join(dir, `${store}.db`);
  const url = (store: string) => `sqlite:${path(store)}`;
  /** A store of the region's division tree, nothing imported yet. */
  const freshStore = (store: string): string => {
    expect(hearth(['--store', url(store), 'divisions', 'load', divisions]).code).toBe(0);
    return store;
  };
  const importInto = (store: string, ...options: string[]): CliRun => hearth(['--store', url(store), '--json', 'import', log, ...options]);
  const report = (store: string, ...args: string[]): unknown => {
    const r = hearth(['--store', url(store), '--json', 'report', ...args]);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };
  const streamsOf = (store: string) => new Set(householdRows(path(store)).map((r) => r.stream_id));

  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    log = join(dir, 'log.jsonl');
    divisions = join(dir, 'divisions.json');
    expect(hearth(['generate', '--households', '300', '--seed', '11', '--out', log, '--divisions-out', divisions]).code).toBe(0);
    lines = readFileSync(log, 'utf8').trimEnd().split('\n').length;
    plain = summaryOf(importInto(freshStore('plain'), '--quiet'));
    split = summaryOf(importInto(freshStore('split'), '--workers', '2', '--quiet'));
  });
  afterAll(() => cleanup());

  describe('in two parts, against one import of the same file', () => {
    it('leaves the same household events, stream by stream: types, data, dates and command ids', () => {
      const one = householdRows(path('plain'));
      expect(new Set(one.map((r) => r.stream_id)).size).toBe(300);
      expect(householdRows(path('split'))).toEqual(one);
    });

    it('answers the same clearance and monthly reports', () => {
      for (const args of [['clearance', '--year', '2017'], ['clearance', '--year', '2018', '--by-child'], ['monthly', '--month', '2017-06']])
        expect(report('split', ...args)).toEqual(report('plain', ...args));
    });

    it('sums up to the same --json summary, the same lines rejected, and exits as the one import does (3: the generator makes mistakes)', () => {
      expect(plain.code).toBe(3);
      expect(plain.summary.rejected.length).toBeGreaterThan(0);
      const whole = split.summary;
      expect({ code: split.code, accepted: whole.accepted, unchanged: whole.unchanged, skipped: whole.skipped, resumedAfterLine: whole.resumedAfterLine }).toEqual({
        code: plain.code, accepted: plain.summary.accepted, unchanged: plain.summary.unchanged, skipped: 0, resumedAfterLine: 0,
      });
      expect(which(whole.rejected)).toEqual(which(plain.summary.rejected));
      expect(whole.earlierRejected).toEqual([]);
    });

    it('lists each part with its own counts, which add up to the whole', () => {
      const parts = split.summary.parts ?? [];
      expect(parts.map((p) => p.part)).toEqual(['1/2', '2/2']);
      const sum = (count: (p: PartCounts) => number) => parts.reduce((n, p) => n + count(p), 0);
      expect({ accepted: sum((p) => p.accepted), unchanged: sum((p) => p.unchanged), rejected: sum((p) => p.rejected) }).toEqual({
        accepted: plain.summary.accepted, unchanged: plain.summary.unchanged, rejected: plain.summary.rejected.length,
      });
      // Neither part is empty: the households are spread over both.
      for (const p of parts) {
        expect(p.accepted).toBeGreaterThan(0);
        expect(p.exitCode).toBe(p.rejected > 0 ? 3 : 0);
      }
    });
  });

  describe('run again', () => {
    it('with the same --workers: skips every line, accepts nothing, and lists the first run\'s rejections as earlier ones (exit 3)', () => {
      const before = eventCount(path('split'));
      const again = summaryOf(importInto('split', '--workers', '2', '--quiet'));
      expect({ code: again.code, accepted: again.summary.accepted, unchanged: again.summary.unchanged, rejected: again.summary.rejected }).toEqual({
        code: 3, accepted: 0, unchanged: 0, rejected: [],
      });
      expect(again.summary.skipped).toBe(lines);
      expect(which(again.summary.earlierRejected)).toEqual(which(split.summary.rejected));
      expect(eventCount(path('split'))).toBe(before);
    });

    it.each([
      ['begun in 2 parts, run without --workers', 'split', [], 'begun in 2 parts (--workers 2)'],
      ['begun in 2 parts, run with --workers 1', 'split', ['--workers', '1'], 'begun in 2 parts (--workers 2)'],
      ['begun in 2 parts, run with --workers 3', 'split', ['--workers', '3'], 'begun in 2 parts (--workers 2)'],
      ['begun in 2 parts, run as --part 1/3', 'split', ['--part', '1/3'], 'begun in 2 parts (--workers 2)'],
      ['begun as one import, run with --workers 2', 'plain', ['--workers', '2'], 'begun as one import (no --workers)'],
      ['begun as one import, run as --part 2/2', 'plain', ['--part', '2/2'], 'begun as one import (no --workers)'],
    ])('refuses a file %s (exit 2), saying how it was begun and changing nothing', (_how, store, options, begun) => {
      const before = eventCount(path(store));
      const r = importInto(store, '--quiet', ...options);
      expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
      expect(r.stderr).toContain(`its import was ${begun}; run it again the same way`);
      // Said once, though every part refuses.
      expect(r.stderr.split('its import was begun')).toHaveLength(2);
      expect(eventCount(path(store))).toBe(before);
    });
  });

  describe('usage', () => {
    let store: string;
    beforeAll(() => (store = freshStore('usage')));

    it.each([
      [['--workers', '0'], '--workers must be an integer from 1 to 64'],
      [['--workers', '65'], '--workers must be an integer from 1 to 64'],
      [['--workers', '1.5'], '--workers must be an integer from 1 to 64'],
      [['--part', '3/2'], '--part: I must be from 1 to N (2), got 3'],
      [['--part', '1/1'], '--part: N must be from 2 to 64, got 1'],
      [['--part', 'x'], '--part: expected I/N'],
      [['--workers', '2', '--part', '1/2'], 'give --workers or --part, not both'],
      [['--fingerprint-from-stdin'], '--fingerprint-from-stdin is for one part of a split import'],
    ])('refuses %j (exit 2), naming the option, reading nothing', (options, words) => {
      const r = importInto(store, ...options);
      expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
      expect(r.stderr).toContain(words);
      expect(eventCount(path(store))).toBe(1); // the division tree
    });

    it.each([
      [['--workers', '2'], '--workers reads a file, not standard input'],
      [['--part', '1/2'], '--part reads a file, not standard input'],
    ])("refuses standard input ('-') with %j (exit 2): a part keeps its checkpoints under the file's SHA-256", (options, words) => {
      const r = hearth(['--store', url(store), '--json', 'import', '-', ...options], { input: `${JSON.stringify({ type: 'ApplyForIdentification', householdId: 'H0000001', on: '2016-03-01' })}\n` });
      expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
      expect(r.stderr).toContain(words);
      expect(eventCount(path(store))).toBe(1);
    });

    it("refuses a part a fingerprint that is not one, or not its SHA-256's (exit 2), reading nothing", () => {
      for (const [input, words] of [
        ['garbage', '--fingerprint-from-stdin: not JSON'],
        [JSON.stringify({ sha256: '0'.repeat(64), bytes: 1, mtimeNs: '1', marks: [{ end: 1, digest: Buffer.alloc(32, 1).toString('base64') }] }), 'its last prefix digest is not its SHA-256'],
        [JSON.stringify({ sha256: '0'.repeat(64), bytes: 1, mtimeNs: '1', marks: [{ end: 1, digest: 'AAAA' }] }), 'prefix mark 1: digest must be a SHA-256 (32 bytes)'],
      ]) {
        const r = hearth(['--store', url(store), '--json', 'import', log, '--part', '1/2', '--fingerprint-from-stdin'], { input });
        expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
        expect(r.stderr).toContain(words);
        expect(eventCount(path(store))).toBe(1);
      }
    });

    it('lists --workers, --part and --json-progress in its help', () => {
      const help = hearth(['import', '--help']);
      expect(help.code).toBe(0);
      for (const words of ['--workers <n>', '--part <I/N>', '--json-progress', '"parts": [{"part": "I/N"'])
        expect(help.stdout).toContain(words);
    });
  });

  it('--part 1/2 alone imports some of the households, whole; --part 2/2 then completes them to the one import\'s events', () => {
    const one = householdRows(path('plain'));
    freshStore('halves');
    const first = summaryOf(importInto('halves', '--part', '1/2', '--quiet'));
    const some = streamsOf('halves');
    expect(some.size).toBeGreaterThan(0);
    expect(some.size).toBeLessThan(300);
    // Each household of part 1 has every event it has after one import: none of its lines was left to part 2.
    expect(householdRows(path('halves'))).toEqual(one.filter((r) => some.has(r.stream_id)));
    const second = summaryOf(importInto('halves', '--part', '2/2', '--quiet'));
    expect(householdRows(path('halves'))).toEqual(one);
    expect(first.summary.accepted + second.summary.accepted).toBe(plain.summary.accepted);
    expect(which([...first.summary.rejected, ...second.summary.rejected].sort((a, b) => a.line - b.line))).toEqual(which(plain.summary.rejected));
  });

  it('resumes a part killed part-way (kill -9) when run again with --workers 2, to the one import\'s events and rejections', async () => {
    freshStore('killed');
    const killed = await signalledWhen(['--store', url('killed'), 'import', log, '--part', '1/2', '--batch-size', '20', '--json-progress'], /"line":/, 'SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    const again = summaryOf(importInto('killed', '--workers', '2', '--quiet'));
    const [first, second] = again.summary.parts ?? [];
    // Part 1 committed some of its batches before it was killed, and not all of them.
    expect(first?.resumedAfterLine).toBeGreaterThan(0);
    expect(first?.resumedAfterLine).toBeLessThan(lines);
    expect(first?.skipped).toBeGreaterThan(0);
    expect({ resumedAfterLine: second?.resumedAfterLine, skipped: second?.skipped }).toEqual({ resumedAfterLine: 0, skipped: 0 });
    expect(householdRows(path('killed'))).toEqual(householdRows(path('plain')));
    expect(which([...again.summary.earlierRejected, ...again.summary.rejected].sort((a, b) => a.line - b.line))).toEqual(which(plain.summary.rejected));
    expect(again.code).toBe(3);
  });

  /**
   * `hearth import --workers 2` stopped by `signal` after its first progress line: the store it
   * leaves, once `settleMs` has passed, stops growing, and holds only part of the import.
   */
  const stoppedPartWay = async (store: string, signal: NodeJS.Signals, settleMs: number): Promise<void> => {
    freshStore(store);
    const stopped = await signalledWhen(['--store', url(store), 'import', log, '--workers', '2', '--batch-size', '10', '--json-progress'], /"line":/, signal);
    expect(stopped.signal).toBe(signal);
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await pause(settleMs);
    const soon = eventCount(path(store));
    await pause(2000);
    // No part is left writing in the background.
    expect(eventCount(path(store))).toBe(soon);
    expect(householdRows(path(store)).length).toBeLessThan(householdRows(path('plain')).length);
  };

  it('leaves no part running when it is killed with kill -9, which it cannot pass on: the parts stop themselves; the same --workers run again completes the import', async () => {
    // A part sees its parent gone within a quarter of a second.
    await stoppedPartWay('orphaned', 'SIGKILL', 1000);
    const again = summaryOf(importInto('orphaned', '--workers', '2', '--quiet'));
    expect(householdRows(path('orphaned'))).toEqual(householdRows(path('plain')));
    expect(again.code).toBe(3);
  });

  it('stops its parts when it is sent SIGTERM, as one import stops; the same --workers run again completes the import', async () => {
    await stoppedPartWay('terminated', 'SIGTERM', 300);
    const again = summaryOf(importInto('terminated', '--workers', '2', '--quiet'));
    expect(again.summary.parts?.map((p) => p.resumedAfterLine > 0)).toEqual([true, true]);
    expect(householdRows(path('terminated'))).toEqual(householdRows(path('plain')));
  });

  it('--json-progress prints its progress on stderr as JSON objects, one a line, the first batch\'s among them', () => {
    freshStore('progress');
    const r = importInto('progress', '--batch-size', '100', '--json-progress');
    expect(r.code).toBe(plain.code);
    const progress = r.stderr.trimEnd().split('\n').map((line) => JSON.parse(line) as { line: number; accepted: number; rejected: number });
    expect(progress.length).toBeGreaterThan(0);
    for (const p of progress) expect(Object.keys(p).sort()).toEqual(['accepted', 'line', 'rejected']);
    // The generated log has no empty line: the first batch is its first 100 lines, each accepted or rejected.
    const [firstBatch] = progress;
    expect({ line: firstBatch?.line, decided: (firstBatch?.accepted ?? 0) + (firstBatch?.rejected ?? 0) }).toEqual({ line: 100, decided: 100 });
    const at = progress.map((p) => p.line);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('--json-progress with --workers 2 prints the whole\'s progress the same way: no text line, no part\'s own', () => {
    freshStore('progress-in-parts');
    const r = importInto('progress-in-parts', '--workers', '2', '--batch-size', '100', '--json-progress');
    expect(r.code).toBe(plain.code);
    const progress = r.stderr.trimEnd().split('\n').map((line) => JSON.parse(line) as { line: number; accepted: number; rejected: number });
    expect(progress.length).toBeGreaterThan(0);
    for (const p of progress) {
      expect(Object.keys(p).sort()).toEqual(['accepted', 'line', 'rejected']);
      // Every line up to "line" is decided, whichever part's (a part's own count would fall short of its line).
      expect(p.accepted + p.rejected).toBeGreaterThanOrEqual(p.line);
      expect(p.line).toBeLessThanOrEqual(lines);
    }
  });
});
