import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { HouseholdEventC } from '@hearth/domain';
import { householdRuns, propertyRuns } from '@hearth/domain/testing';
import { DamagedEventError } from './damaged-event-error';
import type { RecordedEvent } from './envelope';
import { householdEventCodec } from './household-event-codec';

const recorded = (type: string, data: unknown): RecordedEvent => ({
  eventId: 'e1',
  type,
  data,
  metadata: { occurredOn: '2017-01-01' } as RecordedEvent['metadata'],
  streamId: 'household-h1',
  streamVersion: 0,
  position: 7,
});

/** A copy of `data` (as parsed JSON) changed in one place chosen by `seed`. */
const altered = (data: Record<string, unknown>, seed: number): Record<string, unknown> => {
  const copy = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  const keys = Object.keys(copy);
  const key = keys[seed % Math.max(1, keys.length)];
  if (key === undefined || seed % 4 === 0) copy['extra'] = 1;
  else if (seed % 4 === 1) delete copy[key];
  else {
    const v = copy[key];
    copy[key] = typeof v === 'string' ? 12 : typeof v === 'number' ? 'x' : Array.isArray(v) ? [...v, { odd: true }] : 'x';
  }
  return copy;
};

/**
 * The codec's fast path (`is`, then a full decode only to explain a failure) must accept
 * and refuse exactly what the full io-ts decode does, on every event the Decider emits
 * and on each of them altered in one place.
 */
describe('householdEventCodec', () => {
  it('accepts what HouseholdEventC decodes, returns the same value, and refuses what it refuses', () => {
    fc.assert(
      fc.property(householdRuns(), fc.nat(), ({ run }, seed) => {
        for (const [i, { event }] of run.facts.entries()) {
          const stored = JSON.parse(JSON.stringify(event)) as { type: string; data: Record<string, unknown> };
          expect(householdEventCodec.decode(recorded(stored.type, stored.data))).toEqual(event);
          const data = altered(stored.data, seed + i);
          const full = HouseholdEventC.decode({ type: stored.type, data });
          const fast = (): unknown => householdEventCodec.decode(recorded(stored.type, data));
          if (E.isRight(full)) expect(fast()).toEqual(full.right);
          else expect(fast).toThrow(DamagedEventError);
        }
      }),
      propertyRuns(60, process.env),
    );
  });

  it('refuses a type that is not a household event (inherited property names included), naming it and the position', () => {
    for (const type of ['HouseholdClearedX', 'toString', '__proto__', 'constructor']) {
      const decode = (): unknown => householdEventCodec.decode(recorded(type, {}));
      expect(decode).toThrow(DamagedEventError);
      expect(decode).toThrow(`the stored event at position 7 (stream household-h1) is damaged: not a valid household event of type "${type}"`);
    }
  });
});
