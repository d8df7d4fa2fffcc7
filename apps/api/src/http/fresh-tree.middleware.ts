import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HEARTH_READ_SIDE, HearthReadSide } from '@hearth/nest';

/**
 * Before any route reads the division tree (scope checks, reports, commands), takes in a
 * tree another process recorded since: `hearth divisions load` beside the running service
 * needs no restart (docs/decisions/0084). One read of the division stream's version when
 * nothing changed, and only one: the route runs in `withSyncedTree`'s scope, where the
 * module's own checks (report queries, the command executor) do not read it again.
 * Errors are thrown, so the one exception filter renders them.
 */
@Injectable()
export class FreshTreeMiddleware implements NestMiddleware {
  constructor(@Inject(HEARTH_READ_SIDE) private readonly readSide: HearthReadSide) {}

  async use(_req: IncomingMessage, _res: ServerResponse, next: (error?: unknown) => void): Promise<void> {
    await this.readSide.withSyncedTree(() => next());
  }
}
