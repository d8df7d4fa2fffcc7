import { Inject, Injectable } from '@nestjs/common';
import { householdDecider, householdStream, HouseholdState } from '@hearth/domain';
import { foldRecorded, householdEventCodec, initialFold } from '@hearth/event-store';
import type { Ledger } from '@hearth/ledger';
import { HEARTH_LEDGER } from '@hearth/nest';

/**
 * The division a household belongs to now: the domain's fold of its stream, so a
 * correction of the registration's divisionCode moves it. Undefined for a household
 * that has no stream.
 */
@Injectable()
export class HouseholdDivisions {
  constructor(@Inject(HEARTH_LEDGER) private readonly ledger: Ledger) {}

  async current(householdId: string): Promise<string | undefined> {
    return (await this.state(householdId))?.divisionCode;
  }

  /** The household as it stands now (the domain's fold of its stream), or undefined when it has no stream. */
  async state(householdId: string): Promise<HouseholdState | undefined> {
    const recorded = await this.ledger.store.readStream(householdStream(householdId));
    if (recorded.length === 0) return undefined;
    // The handlers' fold of stored events (decoding and metadata written once, in @hearth/event-store).
    return foldRecorded(householdDecider, householdEventCodec, initialFold(householdDecider.initialState), recorded).state;
  }
}
