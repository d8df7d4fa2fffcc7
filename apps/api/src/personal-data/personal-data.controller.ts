import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Query } from '@nestjs/common';
import type { HouseholdState } from '@hearth/domain';
import type { ErasureReceipt, MemberRecord, PersonalRecord } from '@hearth/personal-data';
import { UnknownHouseholdError } from '@hearth/projections';
import { Allow } from '../auth/allow.decorator';
import { CurrentPrincipal } from '../auth/principal.decorator';
import type { Principal } from '../auth/principal';
import { HouseholdDivisions } from '../commands/household-divisions';
import { ApiError } from '../errors/api-error';
import { decodeHouseholdId, decodeParams } from '../reads/query-params';
import { decodeMemberId, PurposeParamsC, WRITE_PURPOSE } from './personal-data-params';
import { PersonalDataGateway } from './personal-data.gateway';

/**
 * Members' identifying details (domain.md §1.4), the registrar's alone (docs/decisions/0034):
 * every call states a purpose and is recorded in the access log; the ledger is never
 * touched, so an erasure leaves every history and report as it was.
 */
@Controller('api/households/:householdId')
@Allow('registrar')
export class PersonalDataController {
  constructor(
    @Inject(PersonalDataGateway) private readonly personalData: PersonalDataGateway,
    @Inject(HouseholdDivisions) private readonly households: HouseholdDivisions,
  ) {}

  /** Stores (replaces) a member's record; the member must be one the ledger registered in that household. */
  @Put('members/:memberId/personal-data')
  @HttpCode(200)
  async put(
    @CurrentPrincipal() principal: Principal,
    @Param('householdId') hid: string,
    @Param('memberId') mid: string,
    @Query() query: unknown,
    @Body() body: unknown,
  ): Promise<{ householdId: string; memberId: string; written: true }> {
    const { householdId, memberId } = await this.member(hid, mid);
    const { purpose } = decodeParams(PurposeParamsC, query);
    this.personalData.use((s) => s.put(householdId, memberId, body as PersonalRecord, { actor: principal.actor, purpose: purpose ?? WRITE_PURPOSE }));
    return { householdId, memberId, written: true };
  }

  @Get('members/:memberId/personal-data')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('householdId') hid: string,
    @Param('memberId') mid: string,
    @Query() query: unknown,
  ): Promise<{ householdId: string; memberId: string; record: PersonalRecord }> {
    const { householdId, memberId } = await this.member(hid, mid);
    const { purpose } = decodeParams(PurposeParamsC, query);
    const record = this.personalData.use((s) => s.get(householdId, memberId, { actor: principal.actor, purpose: purpose ?? '' }));
    if (record === undefined) throw new ApiError(404, { code: 'NOT_FOUND', message: `no personal data is recorded for member ${memberId} of household ${householdId}` });
    return { householdId, memberId, record };
  }

  /** Every member's record at once (what the dashboard's names panel shows), one log entry. */
  @Get('personal-data')
  async household(@CurrentPrincipal() principal: Principal, @Param('householdId') hid: string, @Query() query: unknown): Promise<{ householdId: string; members: MemberRecord[] }> {
    const householdId = decodeHouseholdId(hid);
    await this.state(householdId);
    const { purpose } = decodeParams(PurposeParamsC, query);
    return { householdId, members: this.personalData.use((s) => s.getHousehold(householdId, { actor: principal.actor, purpose: purpose ?? '' })) };
  }

  /** Crypto-shredding of the household's key: its records can no longer be read by anyone; the ledger is untouched. */
  @Delete('personal-data')
  async erase(@CurrentPrincipal() principal: Principal, @Param('householdId') hid: string, @Query() query: unknown): Promise<ErasureReceipt> {
    const householdId = decodeHouseholdId(hid);
    await this.state(householdId);
    const { purpose } = decodeParams(PurposeParamsC, query);
    return this.personalData.use((s) => s.eraseHousehold(householdId, { actor: principal.actor, purpose: purpose ?? '' }));
  }

  private async state(householdId: string): Promise<HouseholdState> {
    const state = await this.households.state(householdId);
    if (state === undefined) throw new UnknownHouseholdError(householdId);
    return state;
  }

  /** Ids are checked against the ledger: personal data is kept only for members it registered. */
  private async member(hid: string, mid: string): Promise<{ householdId: string; memberId: string }> {
    const householdId = decodeHouseholdId(hid);
    const memberId = decodeMemberId(mid);
    const state = await this.state(householdId);
    if (!state.members.has(memberId))
      throw new ApiError(404, { code: 'UNKNOWN_MEMBER', message: `household ${householdId} has no member ${memberId}`, field: 'memberId' });
    return { householdId, memberId };
  }
}
