import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { AnchorQuery } from '@hearth/nest';
import { Allow } from '../auth/allow.decorator';
import { decodeParams, NoParamsC } from './query-params';

/** The anchor of the log now, as `hearth anchor` prints it, for auditors to keep outside the store. Auditors only. */
@Controller('api/anchor')
@Allow('auditor')
export class AnchorController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get()
  async anchor(@Query() query: unknown): Promise<unknown> {
    decodeParams(NoParamsC, query);
    return this.queryBus.execute(new AnchorQuery());
  }
}
