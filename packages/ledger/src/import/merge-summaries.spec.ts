import type { ImportSummary } from './importer';
import { mergeImportSummaries } from './merge-summaries';
import type { RejectedLine } from './rejected-line';

const rejection = (line: number, code = 'ALREADY_REGISTERED'): RejectedLine => ({ line, householdId: `h${line}`, type: 'RegisterHousehold', code, message: `line ${line}` });

const summary = (over: Partial<ImportSummary>): ImportSummary => ({ accepted: 0, unchanged: 0, rejected: [], skipped: 0, resumedAfterLine: 0, earlierRejected: [], ...over });

describe('mergeImportSummaries', () => {
  it('of no part is an import that did nothing', () => {
    expect(mergeImportSummaries([])).toEqual({ accepted: 0, unchanged: 0, rejected: [], skipped: 0, resumedAfterLine: 0, earlierRejected: [] });
  });

  it('of one part is that part\'s summary', () => {
    const only = summary({ accepted: 3, unchanged: 1, rejected: [rejection(2)], skipped: 4, resumedAfterLine: 4, earlierRejected: [rejection(1, 'INVALID_COMMAND')] });
    expect(mergeImportSummaries([only])).toEqual(only);
  });

  it('adds up accepted, unchanged and skipped', () => {
    const merged = mergeImportSummaries([summary({ accepted: 5, unchanged: 1, skipped: 7 }), summary({ accepted: 2, unchanged: 4, skipped: 0 }), summary({ accepted: 0, unchanged: 0, skipped: 3 })]);
    expect(merged).toMatchObject({ accepted: 7, unchanged: 5, skipped: 10 });
  });

  it('lists the rejections of all parts in line order, each part\'s lines interleaved with the others\'', () => {
    const merged = mergeImportSummaries([
      summary({ rejected: [rejection(1, 'INVALID_COMMAND'), rejection(6), rejection(9)] }),
      summary({ rejected: [rejection(2), rejection(7)] }),
      summary({ rejected: [rejection(4)] }),
    ]);
    expect(merged.rejected.map((r) => r.line)).toEqual([1, 2, 4, 6, 7, 9]);
    expect(merged.rejected[0]).toEqual(rejection(1, 'INVALID_COMMAND'));
  });

  it('lists the earlier rejections of all parts in line order', () => {
    const merged = mergeImportSummaries([summary({ earlierRejected: [rejection(3), rejection(8)] }), summary({ earlierRejected: [rejection(5)] })]);
    expect(merged.earlierRejected.map((r) => r.line)).toEqual([3, 5, 8]);
    expect(merged.rejected).toEqual([]);
  });

  it('resumes after the least line any part had committed through', () => {
    expect(mergeImportSummaries([summary({ resumedAfterLine: 40 }), summary({ resumedAfterLine: 12 }), summary({ resumedAfterLine: 30 })]).resumedAfterLine).toBe(12);
    expect(mergeImportSummaries([summary({ resumedAfterLine: 40 }), summary({ resumedAfterLine: 0 })]).resumedAfterLine).toBe(0);
  });

  it('leaves the parts\' own lists as they were', () => {
    const first = summary({ rejected: [rejection(5)] });
    const second = summary({ rejected: [rejection(2)] });
    mergeImportSummaries([first, second]);
    expect(first.rejected.map((r) => r.line)).toEqual([5]);
    expect(second.rejected.map((r) => r.line)).toEqual([2]);
  });
});
