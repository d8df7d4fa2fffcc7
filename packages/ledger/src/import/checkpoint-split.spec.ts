import type { HouseholdCommand } from '@hearth/domain';
import { type BatchPart, cutPart } from './checkpoint-split';
import type { RejectedLine } from './rejected-line';

const command = { type: 'ApplyForIdentification', householdId: 'h1', on: '2016-03-01' } as HouseholdCommand;
const rejection = (line: number): RejectedLine => ({ line, householdId: 'h1', type: 'ApplyForIdentification', code: 'NOT_SURVEYED', message: 'not surveyed' });

/** Lines 1..n, every third one unparsed, the rest pending and each rejected; the batch read through line n + 2 (blank lines at its end). */
const batch = (n: number): BatchPart => {
  const lines = Array.from({ length: n }, (_, i) => i + 1);
  return {
    carried: [],
    pending: lines.filter((l) => l % 3 !== 0).map((line) => ({ line, command })),
    unparsed: lines.filter((l) => l % 3 === 0).map(rejection),
    throughLine: n + 2,
  };
};
const rejectedPending = (part: BatchPart) => (i: number): RejectedLine[] => [rejection((part.pending[i] as { line: number }).line)];
const linesOf = (p: BatchPart): number[] => [...p.carried.map((x) => x.line), ...p.pending.map((x) => x.line), ...p.unparsed.map((x) => x.line)].sort((a, b) => a - b);

describe('cutPart (a batch whose checkpoint is over the append limit, decision 152)', () => {
  it('cuts into consecutive parts, each the longest whose checkpoint fits, the last reaching the batch\'s last line', () => {
    const part = batch(10);
    const measured: number[] = [];
    const parts = cutPart(part, rejectedPending(part), (_, kept) => {
      measured.push(kept.length);
      return kept.length <= 4;
    });
    expect(parts?.map(linesOf)).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]);
    expect(parts?.map((p) => p.throughLine)).toEqual([4, 8, 12]);
    // A binary search, not one checkpoint a line.
    expect(measured.length).toBeLessThan(10);
  });

  it('keeps only what each line is rejected for: an accepted line adds nothing to the checkpoint', () => {
    const part = batch(6);
    const parts = cutPart(part, (i) => (i === 0 ? [rejection(1)] : []), (_, kept) => kept.length <= 1);
    expect(parts?.map(linesOf)).toEqual([[1, 2], [3, 4, 5], [6]]);
  });

  it('never returns the part whole, and gives a line no checkpoint fits a part of its own', () => {
    const part = batch(3);
    expect(cutPart(part, rejectedPending(part), () => true)?.map(linesOf)).toEqual([[1, 2], [3]]);
    expect(cutPart(part, rejectedPending(part), () => false)?.map(linesOf)).toEqual([[1], [2], [3]]);
  });

  it('places rejections carried from a batch that lost its races as lines of their own, before the part\'s, each in one part', () => {
    // Lines 1-2 lost their races (a batch before); the part is lines 11-16, each rejected.
    const part = { ...batch(6), carried: [rejection(1), rejection(2)] };
    const shifted: BatchPart = { ...part, pending: part.pending.map((p) => ({ ...p, line: p.line + 10 })), unparsed: part.unparsed.map((u) => ({ ...u, line: u.line + 10 })), throughLine: 16 };
    const parts = cutPart(shifted, rejectedPending(shifted), (_, kept) => kept.length <= 3);
    expect(parts?.map(linesOf)).toEqual([[1, 2, 11], [12, 13, 14], [15, 16]]);
    expect(parts?.map((p) => p.carried.map((c) => c.line))).toEqual([[1, 2], [], []]);
    // One that no checkpoint fits alone is a part of its own, for the caller to name.
    const alone = cutPart(shifted, rejectedPending(shifted), (_, kept) => !kept.some((k) => k.line === 1) && kept.length <= 3);
    expect(alone?.[0]).toEqual({ carried: [rejection(1)], pending: [], unparsed: [], throughLine: 1 });
  });

  it('cannot cut a part of one line or none', () => {
    const one = batch(1);
    expect(cutPart(one, rejectedPending(one), () => false)).toBeUndefined();
    expect(cutPart({ carried: [], pending: [], unparsed: [], throughLine: 4 }, () => [], () => false)).toBeUndefined();
  });
});
