import fc from 'fast-check';
import {
  addDays, BusinessDate, daysBetween, endOfFebruary, endOfYear, isBusinessDate, isWorkingAge, lastDayOf, latestDateAt, monthOf, referencePolicy,
} from '../src';
import { command as c, employed, identifiedHousehold, outcomeOf, registered, rejectionOf, testContext } from '../src/testing';

/**
 * Business dates are calendar dates with no zone; recording times are instants in UTC. These
 * pin the domain's answers where the day turns differently for a caseworker in UTC+8, UTC+14
 * or UTC-5 (docs/decisions/0135), and its date arithmetic against the platform's own UTC
 * calendar (Date.UTC, which no TZ variable moves).
 */
const DAY_MS = 86_400_000;
const utcDateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** The wall-calendar date at `ms` in a zone `offsetMinutes` east of UTC (negative: west). */
const wallDateAt = (ms: number, offsetMinutes: number): string => utcDateOf(ms + offsetMinutes * 60_000);
const recordedAt = (at: string) => ({ ...testContext, recordedAt: at });
const msOf = (d: string): number => Date.parse(`${d}T00:00:00.000Z`);

/** Instants of 1950–2150 to the millisecond, and every offset a zone has, -12:00 to +14:00 in quarter hours. */
const instant = fc.integer({ min: msOf('1950-01-01'), max: msOf('2150-12-31') + DAY_MS - 1 });
const offset = fc.integer({ min: -48, max: 56 }).map((q) => q * 15);

describe('the latest business date a command recorded at an instant may carry (decision 0135)', () => {
  it('is never before the date any zone on earth has at that instant, and UTC+14 reaches it', () => {
    fc.assert(
      fc.property(instant, offset, (ms, minutes) => {
        const at = new Date(ms).toISOString();
        expect(wallDateAt(ms, minutes) <= latestDateAt(at)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // The bound is tight: from 10:00 UTC Kiritimati (UTC+14) is already on the next day.
    expect(wallDateAt(Date.parse('2016-02-28T10:00:00.000Z'), 14 * 60)).toBe(latestDateAt('2016-02-28T10:00:00.000Z'));
  });

  it('is the day after the UTC date, whatever order instants of different days are asked in', () => {
    // latestDateAt remembers the last day it was asked; interleaved days must not read a stale one.
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (instants) => {
        for (const ms of instants) expect(latestDateAt(new Date(ms).toISOString())).toBe(utcDateOf(ms + DAY_MS));
      }),
    );
  });

  it('crosses a leap day and a year end: 29 February 2016 and 2020, 31 December', () => {
    expect(latestDateAt('2016-02-28T23:59:59.999Z')).toBe('2016-02-29');
    expect(latestDateAt('2016-02-29T00:00:00.000Z')).toBe('2016-03-01');
    expect(latestDateAt('2020-02-28T12:00:00.000Z')).toBe('2020-02-29');
    expect(latestDateAt('2019-02-28T12:00:00.000Z')).toBe('2019-03-01');
    expect(latestDateAt('2016-12-31T16:00:00.000Z')).toBe('2017-01-01');
  });
});

describe("a caseworker's today is accepted in every zone", () => {
  const addMember = (on: string) => c('AddMember', { memberId: 'm2', birthYear: 2001, on });

  it('at 07:00 in UTC+8 on 1 December, when the UTC date is still 30 November', () => {
    expect(outcomeOf([registered()], addMember('2016-12-01'), recordedAt('2016-11-30T23:00:00.000Z')).events).toHaveLength(1);
  });

  it('at 00:30 on 1 March 2016 in UTC+14 (Kiritimati), the morning after a leap day in UTC', () => {
    expect(outcomeOf([registered()], addMember('2016-03-01'), recordedAt('2016-02-29T10:30:00.000Z')).events).toHaveLength(1);
  });

  it('at 21:00 on 31 December in UTC-5, when the UTC date is already 1 January', () => {
    expect(outcomeOf([registered()], addMember('2016-12-31'), recordedAt('2017-01-01T02:00:00.000Z')).events).toHaveLength(1);
  });

  it('at 07:00 on 1 January in UTC+8: a January income is recorded that day, its month has begun there', () => {
    const income = c('RecordIncome', { employmentId: 'e1', month: '2017-01', amount: 2000, on: '2017-01-01' });
    expect(outcomeOf([...identifiedHousehold, employed('e1')], income, recordedAt('2016-12-31T23:00:00.000Z')).events).toHaveLength(1);
  });

  it('as a property: any zone\'s date at the recording instant is never refused as after it is recorded', () => {
    fc.assert(
      fc.property(fc.integer({ min: msOf('2016-01-10'), max: msOf('2040-12-31') }), offset, (ms, minutes) => {
        const on = wallDateAt(ms, minutes);
        fc.pre(on >= '2016-01-10'); // the registration's date: an earlier one is BACKDATED, another rule
        expect(rejectionOf([registered()], addMember(on), recordedAt(new Date(ms).toISOString()))).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});

describe('what the rule leaves to the caseworker west of UTC (code\'s answer; decision 0135 accepts it)', () => {
  const addMember = (on: string) => c('AddMember', { memberId: 'm2', birthYear: 2001, on });

  it('at 21:00 on 31 December in UTC-5, 2 January is accepted: two days after that office\'s today', () => {
    // The bound is the world's latest date (UTC+14), not the office's, which the domain cannot know.
    expect(outcomeOf([registered()], addMember('2017-01-02'), recordedAt('2017-01-01T02:00:00.000Z')).events).toHaveLength(1);
  });

  it('refuses two days after the UTC date, naming `on` and the UTC date as the day recorded', () => {
    const refused = rejectionOf([registered()], addMember('2016-12-02'), recordedAt('2016-11-30T23:00:00.000Z'));
    expect(refused?.code).toBe('INVALID_COMMAND');
    // The message names the UTC date although the day after it was accepted above: what decision 0135 words it as.
    expect(refused?.fields).toEqual([{ path: 'on', message: expect.stringMatching(/^2016-12-02 is after 2016-12-01, the latest date anywhere on earth when the command is recorded \(2016-11-30T/) }]);
  });
});

describe('calendar arithmetic on business dates agrees with the UTC calendar', () => {
  const date = fc.integer({ min: msOf('1900-01-01'), max: msOf('2999-12-31') }).map((ms) => utcDateOf(ms) as BusinessDate);

  it('addDays and daysBetween, from 1900 to 2999, any number of days', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -40_000, max: 40_000 }), (d, n) => {
        const expected = utcDateOf(msOf(d) + n * DAY_MS);
        expect(addDays(d, n)).toBe(expected);
        expect(daysBetween(d, expected)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('crosses the leap days of 2016 and 2020 and the end of a year', () => {
    expect(addDays('2016-02-28', 1)).toBe('2016-02-29');
    expect(addDays('2016-02-29', 1)).toBe('2016-03-01');
    expect(addDays('2020-02-29', 365)).toBe('2021-02-28');
    expect(daysBetween('2016-02-29', '2017-02-28')).toBe(365);
    expect(daysBetween('2019-03-01', '2020-03-01')).toBe(366);
    expect(addDays('2016-12-31', 1)).toBe('2017-01-01');
    expect(addDays('2017-01-01', -1)).toBe('2016-12-31');
  });

  it('the month, its last day and the survey deadline (last day of February) of every date', () => {
    fc.assert(
      fc.property(date, (d) => {
        const next = utcDateOf(msOf(d) + DAY_MS);
        expect(lastDayOf(monthOf(d)) === d).toBe(monthOf(next) !== monthOf(d));
        expect(endOfYear(Number(d.slice(0, 4))) === d).toBe(next.slice(0, 4) !== d.slice(0, 4));
      }),
      { numRuns: 2000 },
    );
    expect([2016, 2017, 2020, 2000, 2100].map(endOfFebruary)).toEqual(['2016-02-29', '2017-02-28', '2020-02-29', '2000-02-29', '2100-02-28']);
    expect(isBusinessDate('2100-02-29')).toBe(false);
    expect(isBusinessDate('2000-02-29')).toBe(true);
  });
});

describe('working age is counted in the calendar year of the business date', () => {
  it('turns at 1 January whatever the hour: 16 from the first day of the year of the sixteenth birthday, 60 at the next', () => {
    const p = referencePolicy;
    expect(isWorkingAge({ birthYear: 2000 }, '2015-12-31', p)).toBe(false);
    expect(isWorkingAge({ birthYear: 2000 }, '2016-01-01', p)).toBe(true);
    expect(isWorkingAge({ birthYear: 1956 }, '2015-12-31', p)).toBe(true);
    expect(isWorkingAge({ birthYear: 1956 }, '2016-01-01', p)).toBe(false);
  });
});
