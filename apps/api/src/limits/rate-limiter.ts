import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Principal } from '../auth/principal';
import { TokenRegistry } from '../auth/token-registry';
import { ApiError } from '../errors/api-error';
import type { RateLimitSettings } from './rate-limit-settings';
import { TokenBuckets } from './token-bucket';

export const RATE_LIMITS = Symbol('RATE_LIMITS');
/** Milliseconds of a monotonic clock (tests pass their own). */
export const RATE_CLOCK = Symbol('RATE_CLOCK');

/**
 * The service's one set of buckets: a request with a known bearer token spends from that token's bucket, any other
 * request from its remote address's bucket. Shared by the middleware, which charges every routed request, and the
 * exception filter, which charges the requests Express's router refused before any middleware ran (a path that is not
 * valid percent-encoding), so that no kind of request escapes the limit.
 */
@Injectable()
export class RateLimiter {
  private readonly perToken: TokenBuckets<Principal> | undefined;
  private readonly anonymous: TokenBuckets<string> | undefined;
  // Remembered per request so that the filter charges only those the middleware never saw, and none twice.
  private readonly charged = new WeakSet<IncomingMessage>();

  constructor(
    @Inject(RATE_LIMITS) settings: RateLimitSettings,
    @Inject(RATE_CLOCK) nowMs: () => number,
    @Inject(TokenRegistry) private readonly tokens: TokenRegistry,
  ) {
    this.perToken = settings.perToken ? new TokenBuckets(settings.perToken, nowMs) : undefined;
    this.anonymous = settings.anonymous ? new TokenBuckets(settings.anonymous, nowMs) : undefined;
  }

  /** Whether the request has spent from its bucket already. */
  hasCharged(req: IncomingMessage): boolean {
    return this.charged.has(req);
  }

  /** Spends one request from its bucket; an empty bucket is 429 RATE_LIMITED with Retry-After (seconds). */
  charge(req: IncomingMessage): void {
    this.charged.add(req);
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const principal = match ? this.tokens.find(match[1] as string) : undefined;
    const taken = principal
      ? (this.perToken?.take(principal) ?? { ok: true as const })
      : (this.anonymous?.take(req.socket.remoteAddress ?? 'unknown') ?? { ok: true as const });
    if (!taken.ok)
      throw new ApiError(
        429,
        { code: 'RATE_LIMITED', message: `too many requests ${principal ? 'with this token' : 'from this address'}; try again in ${taken.retryAfterSeconds} s` },
        taken.retryAfterSeconds,
      );
  }
}
