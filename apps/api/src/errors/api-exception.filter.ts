import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-error';
import { errorResponse } from './error-response';

/** The service's one exception filter: every error, from a middleware, guard or handler, leaves as `{code, message, field?}`. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<ServerResponse>();
    const req = http.getRequest<IncomingMessage>();
    const { status, body, retryAfterSeconds } = errorResponse(error);
    // A deliberate 5xx (an ApiError) was logged where it was decided; anything else is a bug to see with its stack.
    if (status >= 500 && !(error instanceof ApiError)) this.logger.error(`${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const text = JSON.stringify(body);
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(text);
  }
}
