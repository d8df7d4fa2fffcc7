import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { VerifyLogQuery } from '@hearth/nest';
import { Allow } from '../auth/allow.decorator';
import { decodeParams, NoParamsC } from './query-params';

/** The whole-log verification, as `hearth --json verify` prints it. Auditors only. */
@Controller('api/verify')
@Allow('auditor')
export class VerifyController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get()
  async verify(@Query() query: unknown): Promise<unknown> {
    decodeParams(NoParamsC, query);
    return this.queryBus.execute(new VerifyLogQuery());
  }
}
