import * as E from 'fp-ts/Either';
import { eventCodecs, fieldErrors, HouseholdEvent, HouseholdEventC } from '@hearth/domain';
import { DamagedEventError } from './damaged-event-error';
import type { EventCodec } from './event-codec';

const codecOf = (type: string): (typeof eventCodecs)[keyof typeof eventCodecs] | undefined =>
  Object.prototype.hasOwnProperty.call(eventCodecs, type) ? eventCodecs[type as keyof typeof eventCodecs] : undefined;

/**
 * Stored household events are decoded once per read (style.md: "edges decode"), by this
 * codec only: the command handlers, the projections and the audit all use it.
 *
 * A stored event is almost always valid, so it is first checked with its own type's
 * `is` — the same checks as decoding (every codec here is the identity on valid input,
 * and parsed JSON holds no `undefined`), without building a validation result per field;
 * only an event that fails is decoded in full, to say why. This halves the read side's
 * decoding cost (docs/decisions/0060).
 */
export const householdEventCodec: EventCodec<HouseholdEvent> = {
  decode: (recorded) => {
    const candidate = { type: recorded.type, data: recorded.data };
    if (codecOf(recorded.type)?.is(candidate)) return candidate as HouseholdEvent;
    const decoded = HouseholdEventC.decode(candidate);
    if (E.isLeft(decoded)) {
      const errors = fieldErrors(decoded.left);
      const why = errors.slice(0, 2).map((f) => `${f.path || '(event)'}: ${f.message}`).join('; ') + (errors.length > 2 ? `; and ${errors.length - 2} more` : '');
      throw new DamagedEventError(recorded.position, recorded.streamId, `not a valid household event of type "${recorded.type}" (${why})`);
    }
    return decoded.right;
  },
  encode: ({ type, data }) => ({ type, data }),
};
