import { parseRate, rateLimitsFromEnv, DEFAULT_RATE_LIMITS } from './rate-limit-settings';
import { TokenBuckets } from './token-bucket';

describe('token buckets', () => {
  it('allow the burst, then refuse with the seconds until the next request, and refill at the rate', () => {
    let now = 0;
    const buckets = new TokenBuckets<string>({ perSecond: 2, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => buckets.take('a').ok)).toEqual([true, true, true]);
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    // Another key has its own bucket.
    expect(buckets.take('b').ok).toBe(true);
    now += 500; // one request's worth at 2/s
    expect(buckets.take('a').ok).toBe(true);
    expect(buckets.take('a').ok).toBe(false);
    now += 60_000; // refilled, but never above the burst
    expect([1, 2, 3, 4].map(() => buckets.take('a').ok)).toEqual([true, true, true, false]);
  });

  it('say how long a slow rate makes one wait', () => {
    const buckets = new TokenBuckets<string>({ perSecond: 0.1, burst: 1 }, () => 0);
    expect(buckets.take('a').ok).toBe(true);
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
  });

  it('forget full buckets once there are many, so cycling addresses cannot grow memory without bound', () => {
    let now = 0;
    const buckets = new TokenBuckets<number>({ perSecond: 1, burst: 1 }, () => now);
    for (let i = 0; i < 10_000; i++) buckets.take(i);
    expect(buckets.size).toBe(10_000);
    now += 2_000;
    buckets.take(-1);
    expect(buckets.size).toBe(1);
  });
});

describe('rate settings', () => {
  it('parse RATE, RATE/BURST and off, and refuse anything else', () => {
    expect(parseRate('20')).toEqual({ perSecond: 20, burst: 40 });
    expect(parseRate(' 5/50 ')).toEqual({ perSecond: 5, burst: 50 });
    expect(parseRate('0.5/1')).toEqual({ perSecond: 0.5, burst: 1 });
    expect(parseRate('OFF')).toBe(false);
    for (const bad of ['', '0', '-1', '5/0', 'ten', '5/2.5', '1e3']) expect(parseRate(bad)).toBeUndefined();
  });

  it('come from HEARTH_RATE_LIMIT and HEARTH_RATE_LIMIT_ANONYMOUS, else the defaults; a malformed value fails at start', () => {
    expect(rateLimitsFromEnv({})).toEqual(DEFAULT_RATE_LIMITS);
    expect(rateLimitsFromEnv({ HEARTH_RATE_LIMIT: '10/20', HEARTH_RATE_LIMIT_ANONYMOUS: 'off' })).toEqual({ perToken: { perSecond: 10, burst: 20 }, anonymous: false });
    expect(() => rateLimitsFromEnv({ HEARTH_RATE_LIMIT: 'lots' })).toThrow(/HEARTH_RATE_LIMIT="lots" is not a rate/);
  });
});
