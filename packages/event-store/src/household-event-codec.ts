import * as E from 'fp-ts/Either';
import { fieldErrors, HouseholdEvent, HouseholdEventC } from '@hearth/domain';
import type { EventCodec } from './event-codec';

/** Stored household events are decoded once per read (style.md: "edges decode"). */
export const householdEventCodec: EventCodec<HouseholdEvent> = {
  decode: (recorded) => {
    const decoded = HouseholdEventC.decode({ type: recorded.type, data: recorded.data });
    if (E.isLeft(decoded)) {
      const why = fieldErrors(decoded.left).map((f) => `${f.path}: ${f.message}`).join('; ');
      throw new Error(`stored event at position ${recorded.position} (${recorded.streamId}) does not decode: ${why}`);
    }
    return decoded.right;
  },
  encode: ({ type, data }) => ({ type, data }),
};
