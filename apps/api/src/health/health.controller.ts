import { Controller, Get, Inject, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ReadModelStatusQuery } from '@hearth/nest';
import { Allow } from '../auth/allow.decorator';
import { ApiError } from '../errors/api-error';

/** For load balancers and operators: no token needed, and nothing in it is case data. */
@Controller('health')
@Allow('public')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  /** The store answers, and how far the read models are behind the log's head. */
  @Get()
  async health(): Promise<{ store: 'ok'; position: number; head: number; behind: number; live: boolean }> {
    try {
      const status: { position: number; head: number; behind: number; live: boolean } = await this.queryBus.execute(new ReadModelStatusQuery());
      return { store: 'ok', ...status };
    } catch (e) {
      this.logger.error(`the store does not answer: ${(e as Error).message}`);
      throw new ApiError(503, { code: 'STORE_UNAVAILABLE', message: 'the store does not answer' });
    }
  }
}
