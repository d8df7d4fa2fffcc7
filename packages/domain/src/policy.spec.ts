import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { clearanceTarget, cumulativeShareBp, parsePolicy, policyFile, POLICY_RANGES, referencePolicy, shareToBasisPoints } from './policy';
import { propertyRuns } from './testing';

describe('policy', () => {
  it('holds the reference shares of domain.md §3 exactly', () => {
    expect([2016, 2017, 2018, 2019, 2020].map((y) => cumulativeShareBp(referencePolicy, y))).toEqual([2500, 5500, 7500, 9000, 10000]);
  });
  it('computes targets as the ceiling of an exact product', () => {
    // 0.55 × 100 is 55.00000000000001 in floating point; the target must be 55, not 56.
    expect(clearanceTarget(100, 5500)).toBe(55);
    expect(clearanceTarget(101, 5500)).toBe(56); // 55.55 → 56
    expect(clearanceTarget(0, 5500)).toBe(0);
    expect(clearanceTarget(3, 2500)).toBe(1); // 0.75 → 1
    expect(clearanceTarget(4, 2500)).toBe(1);
  });
  it('parses shares exactly or refuses them', () => {
    expect(shareToBasisPoints(0.3)).toBe(3000);
    expect(shareToBasisPoints('0.125')).toBe(1250);
    expect(shareToBasisPoints(0.12345)).toBeUndefined();
    expect(shareToBasisPoints(1.5)).toBeUndefined();
  });
  it('reads a policy file and keeps reference values for what it leaves out', () => {
    const p = parsePolicy({ baselineCutoff: '2017-06-30', targetShares: { '2017': 0.5, '2018': '0.5' } });
    expect(p).toEqual(E.right({ ...referencePolicy, baselineCutoff: '2017-06-30', targetSharesBp: { 2017: 5000, 2018: 5000 } }));
  });
  it('names the field of a bad policy file', () => {
    const p = parsePolicy({ baselineCutoff: '2017-06-31', targetShares: { '2017': 0.7, '2018': 0.5 } });
    expect(E.isLeft(p) && p.left.map((f) => f.path)).toEqual(['baselineCutoff']);
    const q = parsePolicy({ baselineCutoff: '2017-06-30', targetShares: { '2017': 0.7, '2018': 0.5 } });
    expect(E.isLeft(q) && q.left.map((f) => f.path)).toEqual(['targetShares']);
  });
});

describe('policy ranges', () => {
  const base = { baselineCutoff: '2017-06-30', targetShares: { '2017': 1 } };
  it.each([
    ['backdatingAllowanceDays', 9007199254740991],
    ['backdatingAllowanceDays', 1e12],
    ['backdatingAllowanceDays', 1e16],
    ['followUpEveryDays', 1e300],
    ['followUpEveryDays', 0],
    ['lateRecordingDays', 100000],
    ['minReferrals', 1e9],
    ['suppressBelow', 1e9],
    ['annualUpdateFromYear', 12],
  ])('refuses %s = %p, naming the key and its range', (key, value) => {
    const p = parsePolicy({ ...base, [key]: value });
    expect(E.isLeft(p)).toBe(true);
    if (E.isRight(p)) return;
    expect(p.left).toHaveLength(1);
    expect(p.left[0]?.path).toBe(key);
    const range = POLICY_RANGES[key as keyof typeof POLICY_RANGES];
    expect(p.left[0]?.message).toContain(`${range.min} to ${range.max}`);
  });
  it('refuses a working age outside its range, naming the nested key', () => {
    const p = parsePolicy({ ...base, workingAge: { min: 16, max: 1e6 } });
    expect(E.isLeft(p) && p.left.map((f) => f.path)).toEqual(['workingAge.max']);
  });
  it('accepts every bound of every range', () => {
    for (const [key, r] of Object.entries(POLICY_RANGES)) {
      if (key.startsWith('workingAge')) continue;
      expect(E.isRight(parsePolicy({ ...base, [key]: r.min }))).toBe(true);
      expect(E.isRight(parsePolicy({ ...base, [key]: r.max }))).toBe(true);
    }
  });
  it('keeps the reference policy inside the ranges', () => {
    const { targetSharesBp: _s, workingAge, ...numbers } = referencePolicy;
    const { baselineCutoff: _b, ...plain } = numbers;
    for (const [key, value] of Object.entries(plain)) {
      const r = POLICY_RANGES[key as keyof typeof POLICY_RANGES];
      expect(value).toBeGreaterThanOrEqual(r.min);
      expect(value).toBeLessThanOrEqual(r.max);
    }
    expect(workingAge.max).toBeLessThanOrEqual(POLICY_RANGES['workingAge.max'].max);
  });
});

describe('a policy written as a file', () => {
  it('reads back as the reference policy', () => {
    expect(parsePolicy(JSON.parse(JSON.stringify(policyFile(referencePolicy))))).toEqual(E.right(referencePolicy));
  });

  it('reads back as the very policy it was written from, through JSON (property)', () => {
    const shares = fc.uniqueArray(fc.tuple(fc.integer({ min: 1900, max: 2999 }), fc.integer({ min: 0, max: 2000 })), { selector: ([y]) => y, maxLength: 5 });
    const day = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const ages = fc.tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 150 })).map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }));
    fc.assert(
      fc.property(day, shares, ages, fc.integer({ min: 0, max: 1000 }), (baselineCutoff, list, workingAge, suppressBelow) => {
        const file = { baselineCutoff, targetShares: Object.fromEntries(list.map(([y, bp]) => [String(y), bp / 10000])), workingAge, suppressBelow };
        const parsed = parsePolicy(file);
        if (E.isLeft(parsed)) throw new Error(JSON.stringify(parsed.left));
        expect(parsePolicy(JSON.parse(JSON.stringify(policyFile(parsed.right))))).toEqual(parsed);
      }),
      propertyRuns(300, process.env),
    );
  });
});
