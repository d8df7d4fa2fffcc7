import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { DivisionTreeQuery } from '@hearth/nest';
import { Allow } from '../auth/allow.decorator';
import { decodeParams, NoParamsC } from './query-params';

/** Every division ever recorded, and which the tree in force no longer holds (names and codes are not personal data: every role reads it). */
@Controller('api/divisions')
@Allow('caseworker', 'auditor', 'analyst', 'registrar')
export class DivisionsController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get()
  async divisions(@Query() query: unknown): Promise<unknown> {
    decodeParams(NoParamsC, query);
    return this.queryBus.execute(new DivisionTreeQuery());
  }
}
