import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { eventCodecs, EventType, EVENT_TYPES } from '../../src/household/events';
import { householdCommands, propertyRuns, runHousehold } from '../../src/testing';
import { edited, expectSameAnswerAsDecode, type Edit } from './one-edit';

/**
 * The oracle: io-ts's decode of an event codec. Its `is` — the check the event store's
 * codec runs on every stored event before it decodes only a refused one — is compiled
 * from the codec (events.ts, codec/accepts.ts) and must accept exactly what decode accepts,
 * decode giving back the input itself when it does.
 */
const codecOf = (type: EventType): t.Mixed => eventCodecs[type];

const anything = fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withDate: true, withNullPrototype: true, withSparseArray: true, maxDepth: 2 });
const leaves = fc.oneof(anything, fc.constantFrom('2016-02-29', '2016-13', 'x'.repeat(501), 'a b', 12.345, -1, 1e13, 1900, 2101, 0, 'female', 'full', true, [], {}, 'HouseholdSurveyed'));

/** Events as a store reads them back (`{ type, data }` of JSON), valid or with one edit. */
const stored = fc
  .tuple(householdCommands({ maxSteps: 8 }), fc.nat(), fc.constantFrom<Edit | 'none'>('none', 'none', 'replace', 'delete', 'undefined', 'unknown-key', 'hole'), fc.nat(), leaves)
  .map(([commands, i, edit, which, replacement]) => {
    const facts = runHousehold(commands).facts;
    const fact = facts[i % Math.max(facts.length, 1)];
    const event = fact === undefined ? { type: 'HouseholdRegistered', data: {} } : (JSON.parse(JSON.stringify(fact.event)) as unknown);
    return edit === 'none' ? event : edited(event, edit, which, replacement);
  });

describe('the compiled event checks agree with io-ts decode', () => {
  it('for stored events and one-edit variants, under their own type and another: is accepts exactly what decode accepts, and decode gives back the input', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(stored, fc.constantFrom(...EVENT_TYPES), (input, otherType) => {
        const own = (input as { type?: unknown }).type;
        const type = typeof own === 'string' && (EVENT_TYPES as string[]).includes(own) ? (own as EventType) : otherType;
        for (const name of [type, otherType]) {
          if (expectSameAnswerAsDecode((u) => codecOf(name).is(u), codecOf(name), input)) accepted++;
          else refused++;
        }
      }),
      propertyRuns(2000, process.env),
    );
    expect(accepted).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });

  it('on arbitrary values', () => {
    fc.assert(
      fc.property(anything, fc.constantFrom(...EVENT_TYPES), (input, name) => codecOf(name).is(input) === E.isRight(codecOf(name).decode(input))),
      propertyRuns(2000, process.env),
    );
  });
});
