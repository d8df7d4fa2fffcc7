import fc from 'fast-check';
import { byPosition, EarliestFindings } from '../src/audit/earliest-findings';
import type { LogFinding } from '../src/audit/verify-log';

const finding = (position: number, kind = 'late-recording'): LogFinding => ({ householdId: `h${position}`, position, kind, detail: '' });

describe('EarliestFindings', () => {
  it('keeps the earliest by position whatever order they arrive in, and counts every one', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(500), fc.constantFrom('a', 'b'))), fc.nat(20), (arriving, limit) => {
        const kept = new EarliestFindings(limit);
        const all = arriving.map(([p, k]) => finding(p, k));
        for (const f of all) kept.add(f);
        expect(kept.count).toBe(all.length);
        expect(kept.earliest()).toEqual([...all].sort(byPosition).slice(0, limit));
      }),
    );
  });

  it('holds at most twice its limit while counting many more', () => {
    const kept = new EarliestFindings(10);
    for (let p = 100_000; p > 0; p--) kept.add(finding(p));
    expect(kept.count).toBe(100_000);
    expect(kept.earliest().map((f) => f.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((kept as unknown as { held: LogFinding[] }).held.length).toBeLessThanOrEqual(20);
  });
});
