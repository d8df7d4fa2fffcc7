import { ArgumentsHost, Catch, ExceptionFilter, Inject, Logger, NotFoundException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { allowedMethods } from '../http/allowed-methods';
import { ApiError } from './api-error';
import { errorResponse, ErrorResponse } from './error-response';

/** The service's one exception filter: every error, from a middleware, guard or handler, leaves as `{code, message, field?}`. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<ServerResponse>();
    const req = http.getRequest<IncomingMessage>();
    // Nest's not-found handler throws NotFoundException (the service's own 404s are ApiErrors): a path that exists
    // under other methods is a 405 with Allow, as HTTP clients expect, not a 404 that says the path is wrong.
    const allow = error instanceof NotFoundException ? this.allowed(req) : [];
    const { status, body, retryAfterSeconds } = allow.length > 0 ? methodNotAllowed(req, allow) : errorResponse(error);
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
    if (allow.length > 0) res.setHeader('Allow', allow.join(', '));
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(text);
  }

  private allowed(req: IncomingMessage): string[] {
    return allowedMethods(this.adapterHost.httpAdapter?.getInstance(), pathname(req), req.method ?? 'GET');
  }
}

const pathname = (req: IncomingMessage): string => (req.url ?? '/').split('?')[0] as string;

const methodNotAllowed = (req: IncomingMessage, allow: readonly string[]): ErrorResponse => ({
  status: 405,
  body: { code: 'METHOD_NOT_ALLOWED', message: `${pathname(req)} does not answer ${req.method}; it answers ${allow.join(', ')}` },
});
