/** A sustained rate and the burst allowed above it. */
export interface Rate {
  /** Requests per second, refilled continuously. */
  readonly perSecond: number;
  /** The bucket's size: requests that may arrive at once after a quiet spell. */
  readonly burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before full (idle) ones are forgotten: an attacker cycling addresses cannot grow memory without bound. */
const PRUNE_ABOVE = 10_000;

/**
 * One token bucket per key (a token's principal, a remote address). `take` spends one
 * request, or says how many seconds until one is available. The clock is passed in
 * (milliseconds), so tests decide the time.
 */
export class TokenBuckets<K> {
  private readonly buckets = new Map<K, Bucket>();

  constructor(
    private readonly rate: Rate,
    private readonly nowMs: () => number,
  ) {}

  /** `{ ok: true }`, or `{ ok: false, retryAfterSeconds }` (a whole number, at least 1). */
  take(key: K): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.nowMs();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate.perSecond)) };
  }

  /** Buckets held now (for tests of the pruning). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: K, now: number): Bucket {
    const known = this.buckets.get(key);
    if (known) {
      known.tokens = Math.min(this.rate.burst, known.tokens + ((now - known.at) / 1000) * this.rate.perSecond);
      known.at = now;
      return known;
    }
    if (this.buckets.size >= PRUNE_ABOVE) this.prune(now);
    const fresh = { tokens: this.rate.burst, at: now };
    this.buckets.set(key, fresh);
    return fresh;
  }

  /** A bucket that would be full again is the same as no bucket. */
  private prune(now: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * this.rate.perSecond >= this.rate.burst) this.buckets.delete(key);
  }
}
