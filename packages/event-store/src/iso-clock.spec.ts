import * as fc from 'fast-check';
import { isoClock, isoNow } from './iso-clock';

describe('isoClock', () => {
  it('reads as Date.prototype.toISOString of the millisecond its clock gives, call after call, for years 0 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_996 }), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 20 }), (start, steps) => {
        // Small steps from one start: most calls fall in the millisecond of the one before.
        const times = steps.map((step) => start + step);
        let i = 0;
        const next = isoClock(() => times[i++] as number);
        expect(times.map(() => next())).toEqual(times.map((ms) => new Date(ms).toISOString()));
      }),
    );
  });

  it('formats again as soon as the millisecond moves, forwards or back', () => {
    const times = [1_765_000_000_000, 1_765_000_000_000, 1_765_000_000_001, 1_765_000_000_000, 1_764_999_999_999];
    const next = isoClock(() => times.shift() as number);
    expect(Array.from({ length: 5 }, next)).toEqual([
      '2025-12-06T05:46:40.000Z',
      '2025-12-06T05:46:40.000Z',
      '2025-12-06T05:46:40.001Z',
      '2025-12-06T05:46:40.000Z',
      '2025-12-06T05:46:39.999Z',
    ]);
  });

  it('asks its clock once a call', () => {
    let asked = 0;
    const next = isoClock(() => {
      asked += 1;
      return 0;
    });
    next();
    next();
    expect(asked).toBe(2);
  });

  it('is, as isoNow, the wall clock: between two readings of new Date().toISOString()', () => {
    const before = new Date().toISOString();
    const now = isoNow();
    const after = new Date().toISOString();
    expect(now >= before && now <= after).toBe(true);
    expect(now).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('follows Date.now as it is when asked, so a clock faked after it was made is followed', () => {
    const realNow = Date.now;
    Date.now = () => 86_400_000;
    try {
      expect(isoNow()).toBe('1970-01-02T00:00:00.000Z');
    } finally {
      Date.now = realNow;
    }
  });
});
