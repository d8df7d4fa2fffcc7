import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BODY_LIMIT } from '../api-options';
import { readJsonBody, type JsonRequest } from './json-body';

/**
 * The only body parser of the service (Nest's own is off): POST, PUT and PATCH bodies
 * must be application/json within the size limit. Errors are thrown, so the one
 * exception filter renders them like any other.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  constructor(@Inject(BODY_LIMIT) private readonly limit: number) {}

  async use(req: IncomingMessage & JsonRequest, _res: ServerResponse, next: (error?: unknown) => void): Promise<void> {
    if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
      const { value, text } = await readJsonBody(req, this.limit);
      req.body = value;
      req.bodyText = text;
    }
    next();
  }
}
