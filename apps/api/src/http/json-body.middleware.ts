import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BODY_LIMIT } from '../api-options';
import { readJsonBody, type JsonRequest } from './json-body';
import { requestPath } from './request-path';
import { routeAnswers } from './route-answers';

/**
 * The only body parser of the service (Nest's own is off): POST, PUT and PATCH bodies
 * must be application/json within the size limit. Errors are thrown, so the one
 * exception filter renders them like any other. A request that no route answers under its
 * method is passed on unread, to its 404 or 405.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  constructor(
    @Inject(BODY_LIMIT) private readonly limit: number,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
  ) {}

  async use(req: IncomingMessage & JsonRequest, _res: ServerResponse, next: (error?: unknown) => void): Promise<void> {
    const method = req.method ?? 'GET';
    if ((method === 'POST' || method === 'PUT' || method === 'PATCH') && routeAnswers(this.adapterHost.httpAdapter?.getInstance(), requestPath(req), method)) {
      const { value, bytes } = await readJsonBody(req, this.limit);
      req.body = value;
      req.bodyBytes = bytes;
    }
    next();
  }
}
