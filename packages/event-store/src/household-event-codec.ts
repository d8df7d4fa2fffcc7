import * as E from 'fp-ts/Either';
import { fieldErrors, HouseholdEvent, HouseholdEventC } from '@hearth/domain';
import { DamagedEventError } from './damaged-event-error';
import type { EventCodec } from './event-codec';

/**
 * Stored household events are decoded once per read (style.md: "edges decode"), by this
 * codec only: the command handlers, the projections and the audit all use it.
 */
export const householdEventCodec: EventCodec<HouseholdEvent> = {
  decode: (recorded) => {
    const decoded = HouseholdEventC.decode({ type: recorded.type, data: recorded.data });
    if (E.isLeft(decoded)) {
      const errors = fieldErrors(decoded.left);
      const why = errors.slice(0, 2).map((f) => `${f.path || '(event)'}: ${f.message}`).join('; ') + (errors.length > 2 ? `; and ${errors.length - 2} more` : '');
      throw new DamagedEventError(recorded.position, recorded.streamId, `not a valid household event of type "${recorded.type}" (${why})`);
    }
    return decoded.right;
  },
  encode: ({ type, data }) => ({ type, data }),
};
