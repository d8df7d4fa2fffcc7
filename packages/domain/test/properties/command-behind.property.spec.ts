import fc from 'fast-check';
import { answeredBy, commandBehind } from '../../src/household/command-behind';
import type { EventType, HouseholdEvent } from '../../src/household/events';
import { value } from './json-values';
import { propertyRuns } from '../../src/testing';

/** The definition: the event's data without the fields it only copies, then the command's type, household and date. */
const definition = (event: HouseholdEvent, householdId: string, on: string): unknown => {
  const answer = answeredBy(event.type);
  if (!answer) return undefined;
  const [type, copies] = answer;
  const fields = Object.fromEntries(Object.entries(event.data).filter(([k]) => !copies.includes(k)));
  return { ...fields, type, householdId, on };
};

const types = fc.constantFrom<EventType>('HouseholdRegistered', 'MemberAdded', 'TrainingAccepted', 'HouseholdIdentified', 'HouseholdCleared', 'LaborConcernRaised', 'EventCorrected', 'HouseholdTransferred');
const dataKey = fc.constantFrom('householdId', 'memberId', 'kind', 'type', 'on', 'from', 'eligibleMemberIds', 'activeEmploymentIds', 'correctedType', '__proto__', 'toString', 'a');
const data = fc.dictionary(dataKey, value, { maxKeys: 6 }).map((d) => JSON.parse(JSON.stringify(d)) as Record<string, unknown>);

describe('commandBehind', () => {
  it('is the data without the copied fields, then type, householdId and on: same members, same order, same prototype (property)', () => {
    fc.assert(
      fc.property(types, data, fc.constantFrom('hh-1', 'hh-2'), fc.constantFrom('2016-01-01', '2017-02-03'), (type, d, householdId, on) => {
        const event = { type, data: d } as unknown as HouseholdEvent;
        const got = commandBehind(event, householdId, on);
        const want = definition(event, householdId, on);
        if (want === undefined) return got === undefined;
        return (
          got !== undefined &&
          Object.getPrototypeOf(got) === Object.getPrototypeOf(want) &&
          JSON.stringify(Object.getOwnPropertyNames(got)) === JSON.stringify(Object.getOwnPropertyNames(want)) &&
          Object.getOwnPropertyNames(want).every((k) => Object.is((got as unknown as Record<string, unknown>)[k], (want as Record<string, unknown>)[k]))
        );
      }),
      propertyRuns(3000, process.env),
    );
  });
});
