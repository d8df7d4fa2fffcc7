import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthenticatedRequest } from '../auth/auth.guard';

/** One line per request once it is answered: method, path, status, duration and who (the actor, never the token). */
@Injectable()
export class RequestLogMiddleware implements NestMiddleware {
  private readonly logger = new Logger('HTTP');

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const who = (req as AuthenticatedRequest).principal?.actor ?? '-';
      this.logger.log(`${req.method} ${req.url} ${res.statusCode} ${ms.toFixed(1)} ms ${who}`);
    });
    next();
  }
}
