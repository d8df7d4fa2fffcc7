import fc from 'fast-check';
import { latestDateAt } from '../../src';
import { addDays, BusinessDate, isBusinessDate } from '../../src/dates';
import { propertyRuns } from '../../src/testing';

/** `latestDateAt` keeps its last answer (decision 135 decides it for every command): in any order of recording times, it is always the day after the UTC date. */
describe('the latest business date a recording time allows', () => {
  it('is the day after its UTC date, whatever times came before it', () => {
    const instant = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
    fc.assert(
      fc.property(fc.array(fc.oneof(instant, fc.constantFrom('2016-02-28T23:59:59.999Z', '2016-02-29T00:00:00.000Z', '2016-12-31T12:00:00.000Z')), { minLength: 1, maxLength: 30 }), (times) => {
        for (const at of times) expect(latestDateAt(at)).toBe(addDays(at.slice(0, 10) as BusinessDate, 1));
      }),
      propertyRuns(500, process.env),
    );
  });

  // A review found one empty recording time (a hand-edited event that verify replays) made every later answer in the process
  // 0NaN-NaN-NaN: the cache's `startsWith('')` matched every time after it. Nothing a malformed time is asked may change a later answer.
  it('whatever malformed times came before it', () => {
    const instant = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
    const malformed = fc.oneof(fc.constantFrom('', '2', '20', '2016', '2016-02', '2016-02-30T00:00:00.000Z', 'not a time'), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.array(fc.oneof(instant, malformed), { minLength: 1, maxLength: 30 }), (times) => {
        for (const at of times) if (isBusinessDate(at.slice(0, 10))) expect(latestDateAt(at)).toBe(addDays(at.slice(0, 10) as BusinessDate, 1));
        else latestDateAt(at);
      }),
      propertyRuns(500, process.env),
    );
  });
});
