import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Ledger } from '@hearth/ledger';
import { HEARTH_LEDGER, HouseholdHistoryQuery } from '@hearth/nest';
import { UnknownHouseholdError } from '@hearth/projections';
import { Allow } from '../auth/allow.decorator';
import { inScope } from '../auth/division-scope';
import { CurrentPrincipal } from '../auth/principal.decorator';
import type { Principal } from '../auth/principal';
import { HouseholdDivisions } from '../commands/household-divisions';
import { ApiError } from '../errors/api-error';
import type { HouseholdHistoryBody } from './household-history-body';
import { decodeHouseholdId, decodeParams, HistoryParamsC } from './query-params';

@Controller('api/households')
@Allow('caseworker', 'auditor')
export class HouseholdsController {
  constructor(
    @Inject(QueryBus) private readonly queryBus: QueryBus,
    @Inject(HouseholdDivisions) private readonly divisions: HouseholdDivisions,
    @Inject(HEARTH_LEDGER) private readonly ledger: Ledger,
  ) {}

  /** The audit timeline, exactly as `hearth --json history ID [--as-of DATE] [--known-at WHEN]`. */
  @Get(':householdId')
  async history(@CurrentPrincipal() principal: Principal, @Param('householdId') id: string, @Query() query: unknown): Promise<HouseholdHistoryBody> {
    const householdId = decodeHouseholdId(id);
    const { asOf, knownAt } = decodeParams(HistoryParamsC, query);
    if (principal.role === 'caseworker') {
      const division = await this.divisions.current(householdId);
      if (division === undefined) throw new UnknownHouseholdError(householdId);
      if (!inScope(principal, this.ledger.divisions, division))
        throw ApiError.forbidden(`household ${householdId} is outside division ${principal.division ?? '?'} and its subdivisions`, 'householdId');
    }
    return this.queryBus.execute(new HouseholdHistoryQuery(householdId, asOf, knownAt));
  }
}
