import fc from 'fast-check';
import { propertyRuns } from '@hearth/domain/testing';
import type { EventType, HouseholdEvent } from '@hearth/domain';
import type { Projection } from '../src/projection';
import type { ProjectedEvent } from '../src/projected-event';
import { HandledTypes } from '../src/runner/handled-types';

const TYPES: readonly EventType[] = ['HouseholdRegistered', 'HouseholdSurveyed', 'MemberAdded', 'EventCorrected', 'TrainingLeft', 'HouseholdCleared'];

const projection = (name: string, handles: readonly EventType[]): Projection => ({
  name,
  version: 1,
  handles,
  tables: [],
  schema: '',
  writer: () => ({ apply: () => undefined }),
});

const eventOf = (type: EventType, position: number): ProjectedEvent =>
  ({ householdId: 'H1', eventId: `e${position}`, position, occurredOn: '2020-01-01', event: { type } as unknown as HouseholdEvent });

describe("the runner's table of handled types", () => {
  it('hands each projection exactly the events whose type it handles, as a Set of its types would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.subarray([...TYPES]), { minLength: 1, maxLength: 5 }),
        fc.array(fc.constantFrom(...TYPES), { maxLength: 40 }),
        (handled, types) => {
          const projections = handled.map((h, i) => projection(`p${i}`, h));
          const table = new HandledTypes(projections);
          const events = types.map(eventOf);
          const numbers = table.typesOf(events);
          for (const p of projections) {
            const taken = events.filter((_, i) => table.of(p.name)[numbers[i] as number] === 1);
            expect(taken).toEqual(events.filter((e) => new Set<string>(p.handles).has(e.event.type)));
          }
        },
      ),
      propertyRuns(100, process.env),
    );
  });
});
