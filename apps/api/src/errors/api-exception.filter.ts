import { ArgumentsHost, Catch, ExceptionFilter, Inject, Logger, NotFoundException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { allowedMethods } from '../http/allowed-methods';
import { loggedUrl } from '../http/logged-url';
import { requestPath } from '../http/request-path';
import { requestLine } from '../http/request-log.middleware';
import { undecodableParam } from '../http/undecodable-param';
import { RateLimiter } from '../limits/rate-limiter';
import { ApiError } from './api-error';
import { errorResponse, ErrorResponse } from './error-response';

/** The service's one exception filter: every error, from a middleware, guard or handler, leaves as `{code, message, field?}`. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<ServerResponse>();
    const req = http.getRequest<IncomingMessage>();
    // Nest's not-found handler throws NotFoundException (the service's own 404s are ApiErrors): a path that exists
    // under other methods is a 405 with Allow, as HTTP clients expect, not a 404 that says the path is wrong.
    // The middlewares (the request log's among them) never saw a request Express's router refused before any route ran.
    const unseen = !this.limiter.hasCharged(req);
    const refused = unseen ? this.refusedByLimit(req) : undefined;
    const allow = refused === undefined && error instanceof NotFoundException ? this.allowed(req) : [];
    const { status, body, retryAfterSeconds } = refused ?? (allow.length > 0 ? methodNotAllowed(req, allow) : this.named(req, errorResponse(error)));
    // A deliberate 5xx (an ApiError) was logged where it was decided; anything else is a bug to see with its stack.
    if (unseen) this.logger.log(requestLine(req, status, undefined));
    if (status >= 500 && !(error instanceof ApiError)) this.logger.error(`${req.method} ${loggedUrl(req.url)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const text = JSON.stringify(body);
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    // Set again here: a path Express cannot decode is refused before the middlewares that set them on every answer run.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
    if (allow.length > 0) res.setHeader('Allow', allow.join(', '));
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(text);
  }

  /**
   * Express's router refuses a path parameter that is not valid percent-encoding before any route is chosen, with a
   * 400 that names no parameter: it is given the field the route names it by, as every other malformed parameter is.
   */
  private named(req: IncomingMessage, response: ErrorResponse): ErrorResponse {
    if (response.status !== 400 || response.body.code !== 'INVALID_QUERY' || response.body.field !== undefined) return response;
    const param = undecodableParam(this.adapterHost.httpAdapter?.getInstance(), requestPath(req), req.method ?? 'GET');
    if (param === undefined) return response;
    const message = `${param.field}: ${JSON.stringify(param.raw)} is not valid percent-encoding (each % begins two hex digits, and the bytes they make are UTF-8)`;
    return { ...response, body: { code: 'INVALID_QUERY', message, field: param.field } };
  }

  /**
   * A request Express's router refused before any middleware ran (a path it cannot decode) never spent from its bucket:
   * it spends here, so that such requests are limited as every other is. Its 429 when the bucket is empty; else
   * undefined, and the request is answered as it would have been.
   */
  private refusedByLimit(req: IncomingMessage): ErrorResponse | undefined {
    try {
      this.limiter.charge(req);
      return undefined;
    } catch (refusal) {
      return errorResponse(refusal);
    }
  }

  private allowed(req: IncomingMessage): string[] {
    return allowedMethods(this.adapterHost.httpAdapter?.getInstance(), requestPath(req), req.method ?? 'GET');
  }
}


const methodNotAllowed = (req: IncomingMessage, allow: readonly string[]): ErrorResponse => ({
  status: 405,
  body: { code: 'METHOD_NOT_ALLOWED', message: `${requestPath(req)} does not answer ${req.method}; it answers ${allow.join(', ')}` },
});
