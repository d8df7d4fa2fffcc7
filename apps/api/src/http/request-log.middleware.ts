import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { loggedUrl } from './logged-url';

/** A request's line in the log: method, URL (loggedUrl: no person's words), status, duration (`-` when not timed) and who (the actor, never the token). */
export const requestLine = (req: IncomingMessage, status: number | '-', ms: number | undefined): string =>
  `${req.method} ${loggedUrl(req.url)} ${status} ${ms === undefined ? '-' : `${ms.toFixed(1)} ms`} ${(req as AuthenticatedRequest).principal?.actor ?? '-'}`;

/**
 * One line per request once it is answered (requestLine), and one for a request whose client
 * went away before its answer was sent (status `-`: no answer reached anyone), so that no
 * request goes unlogged.
 */
@Injectable()
export class RequestLogMiddleware implements NestMiddleware {
  private readonly logger = new Logger('HTTP');

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const started = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - started) / 1e6;
    res.on('finish', () => this.logger.log(requestLine(req, res.statusCode, ms())));
    res.on('close', () => {
      if (!res.writableFinished) this.logger.log(`${requestLine(req, '-', ms())} (the client went away before its answer)`);
    });
    next();
  }
}
