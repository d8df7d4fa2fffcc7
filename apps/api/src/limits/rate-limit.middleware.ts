import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiter } from './rate-limiter';

/**
 * Before the body is read, every routed request spends from its bucket (RateLimiter). Whether the token may do what it
 * asks is the guard's business, later.
 */
@Injectable()
export class RateLimitMiddleware implements NestMiddleware {
  constructor(@Inject(RateLimiter) private readonly limiter: RateLimiter) {}

  use(req: IncomingMessage, _res: ServerResponse, next: () => void): void {
    this.limiter.charge(req);
    next();
  }
}
