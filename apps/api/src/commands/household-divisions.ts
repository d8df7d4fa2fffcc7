import { Inject, Injectable } from '@nestjs/common';
import { evolve, householdStream, initialState, HouseholdState } from '@hearth/domain';
import { householdEventCodec } from '@hearth/event-store';
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
    const recorded = await this.ledger.store.readStream(householdStream(householdId));
    const state = recorded.reduce<HouseholdState>(
      (s, r) =>
        evolve(s, householdEventCodec.decode(r), {
          eventId: r.eventId,
          occurredOn: r.metadata.occurredOn,
          ...(r.metadata.commandId !== undefined ? { commandId: r.metadata.commandId } : {}),
        }),
      initialState,
    );
    return state.divisionCode;
  }
}
