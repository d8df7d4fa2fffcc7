import type { HouseholdEvent } from '@hearth/domain';
import { householdEventCodec, isDamagedEventError, type RecordedEvent } from '@hearth/event-store';

/** The stored household event decoded by the one codec every reader uses (docs/decisions/0060), or undefined when it is not valid. */
export const decodedOrUndefined = (e: RecordedEvent): HouseholdEvent | undefined => {
  try {
    return householdEventCodec.decode(e);
  } catch (error) {
    if (isDamagedEventError(error)) return undefined;
    throw error;
  }
};
