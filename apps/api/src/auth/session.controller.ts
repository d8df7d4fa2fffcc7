import { Controller, Get, Query } from '@nestjs/common';
import { decodeParams, NoParamsC } from '../reads/query-params';
import { Allow } from './allow.decorator';
import { CurrentPrincipal } from './principal.decorator';
import type { Principal } from './principal';

/**
 * Who the token stands for — role, division, actor — so the dashboard shows what that
 * role may see (a registrar's names panel) without guessing from refusals. Never the token.
 */
@Controller('api/session')
@Allow('caseworker', 'auditor', 'analyst', 'registrar')
export class SessionController {
  @Get()
  session(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Principal {
    decodeParams(NoParamsC, query);
    return { role: principal.role, actor: principal.actor, ...(principal.division !== undefined ? { division: principal.division } : {}) };
  }
}
