import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ServerResponse } from 'node:http';
import { isLogFinding } from '@hearth/projections';
import { HEARTH_READ_SIDE, HearthReadSide, ReadModelStatusQuery } from '@hearth/nest';
import type { Health } from '../api-bodies';
import { Allow } from '../auth/allow.decorator';
import { ApiError } from '../errors/api-error';

/** For load balancers and operators: no token needed, and nothing in it is case data. */
@Controller('health')
@Allow('public')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(QueryBus) private readonly queryBus: QueryBus,
    @Inject(HEARTH_READ_SIDE) private readonly readSide: HearthReadSide,
  ) {}

  /**
   * The store answers, how far the read models are behind the log's head, and whether
   * the live projection runner follows it (restarts, last failure). 503 with the same
   * body while the runner is down and being restarted (decision 0040).
   */
  @Get()
  async health(@Res({ passthrough: true }) res: ServerResponse): Promise<Health> {
    let status: { position: number; head: number; behind: number; live: boolean };
    try {
      status = await this.queryBus.execute(new ReadModelStatusQuery());
    } catch (e) {
      // The store answered: the read models stand before an event they cannot read, or past events the log has lost
      // (decision 13), said as every read says it.
      if (isLogFinding(e)) throw e;
      this.logger.error(`the store does not answer: ${(e as Error).message}`);
      throw new ApiError(503, { code: 'STORE_UNAVAILABLE', message: 'the store does not answer' });
    }
    const { live, degraded, restarts, lastError } = this.readSide.liveness();
    if (degraded) res.statusCode = 503;
    return { store: 'ok', ...status, readModels: { live, restarts, lastError } };
  }
}
