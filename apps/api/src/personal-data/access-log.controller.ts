import { Controller, Get, Inject, Query } from '@nestjs/common';
import type { AccessLogEntry, AccessLogVerification } from '@hearth/personal-data';
import { Allow } from '../auth/allow.decorator';
import { decodeParams } from '../reads/query-params';
import { AccessLogParamsC } from './personal-data-params';
import { PersonalDataGateway } from './personal-data.gateway';

/**
 * The auditor's view of who accessed personal data, when and why, with the hash chain
 * verified on every read. Entries hold ids, actors and purposes, never a personal value.
 */
@Controller('api/personal-data')
@Allow('auditor')
export class AccessLogController {
  constructor(@Inject(PersonalDataGateway) private readonly personalData: PersonalDataGateway) {}

  @Get('access-log')
  accessLog(@Query() query: unknown): { verification: AccessLogVerification; entries: AccessLogEntry[] } {
    const { householdId } = decodeParams(AccessLogParamsC, query);
    return this.personalData.use((s) => ({ verification: s.verifyAccessLog(), entries: s.accessLog(householdId) }));
  }
}
