import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { LateRecordingsQuery, VerifyLogQuery } from '@hearth/nest';
import { Allow } from '../auth/allow.decorator';
import { decodeParams, DEFAULT_NOTICES_PER_ANSWER, NoticesPageParamsC, VerifyParamsC } from './query-params';

/**
 * The whole-log verification, as `hearth --json verify` prints it, but with at most
 * `?notices=` late-recording notices (default 1,000) beside `noticesFound`; the rest are
 * read a page at a time from `/api/verify/notices` (docs/decisions/0073). Auditors only.
 */
@Controller('api/verify')
@Allow('auditor')
export class VerifyController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get()
  async verify(@Query() query: unknown): Promise<unknown> {
    const { notices } = decodeParams(VerifyParamsC, query);
    return this.queryBus.execute(new VerifyLogQuery(notices ?? DEFAULT_NOTICES_PER_ANSWER));
  }

  /** `{notices, next}`: the notices after log position `after` (default 0), at most `limit` (default 1,000); `next` is the `after` of the next page, null at the log's end. */
  @Get('notices')
  async notices(@Query() query: unknown): Promise<unknown> {
    const { after, limit } = decodeParams(NoticesPageParamsC, query);
    return this.queryBus.execute(new LateRecordingsQuery(after ?? 0, limit ?? DEFAULT_NOTICES_PER_ANSWER));
  }
}
