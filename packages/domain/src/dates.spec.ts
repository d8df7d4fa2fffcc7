import fc from 'fast-check';
import { addDays, dateCode, dayNumber, daysBetween, daysInMonth, endOfFebruary, fromDateCode, fromDayNumber, isBusinessDate, lastDayOf, yearOf } from './dates';
import { propertyRuns } from './testing';

describe('business dates', () => {
  it.each(['2016-02-29', '2000-02-29', '2020-12-31'])('%s is a real date', (d) => expect(isBusinessDate(d)).toBe(true));
  it.each(['2017-02-29', '1900-02-29', '2016-04-31', '2016-00-10', '2016-1-10', '20160110'])('%s is not', (d) => expect(isBusinessDate(d)).toBe(false));
  it('counts days across leap years', () => {
    expect(daysBetween('2016-01-01', '2017-01-01')).toBe(366);
    expect(addDays('2016-12-01', 90)).toBe('2017-03-01');
    expect(addDays('2016-03-01', -1)).toBe('2016-02-29');
  });
  it('dayNumber and fromDayNumber are inverse over twenty years', () => {
    for (let n = dayNumber('2010-01-01'); n < dayNumber('2030-01-01'); n += 1) expect(dayNumber(fromDayNumber(n))).toBe(n);
  });
  it('knows the end of February and of a month', () => {
    expect(endOfFebruary(2020)).toBe('2020-02-29');
    expect(endOfFebruary(2019)).toBe('2019-02-28');
    expect(lastDayOf('2016-04')).toBe('2016-04-30');
  });
});

/** The definitions dayNumber and fromDayNumber replaced (slicing, and a search over years and months): the oracle. */
const slicedDayNumber = (d: string): number => {
  let y = Number(d.slice(0, 4));
  let m = Number(d.slice(5, 7));
  const day = Number(d.slice(8, 10));
  if (m <= 2) {
    y -= 1;
    m += 12;
  }
  return 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + Math.floor((153 * (m - 3) + 2) / 5) + day;
};
const ymd = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const searchedFromDayNumber = (n: number): string => {
  let y = Math.floor(n / 365.2425);
  while (slicedDayNumber(ymd(y + 1, 1, 1)) <= n) y += 1;
  while (slicedDayNumber(ymd(y, 1, 1)) > n) y -= 1;
  let m = 1;
  while (m < 12 && slicedDayNumber(ymd(y, m + 1, 1)) <= n) m += 1;
  return ymd(y, m, n - slicedDayNumber(ymd(y, m, 1)) + 1);
};

describe('day numbers agree with their sliced and searched definitions', () => {
  const businessDate = fc
    .record({ y: fc.integer({ min: 1000, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
    .map(({ y, m, d }) => ymd(y, m, Math.min(d, daysInMonth(y, m))));

  it('dayNumber of any four-digit-year calendar date', () => {
    fc.assert(fc.property(businessDate, (d) => dayNumber(d) === slicedDayNumber(d)), propertyRuns(2000, process.env));
  });

  it('fromDayNumber of any day from year 1000 to 9998 (the search reads year + 1), and every day of 1896–2104', () => {
    const lo = slicedDayNumber('1000-01-01');
    const hi = slicedDayNumber('9998-12-31');
    fc.assert(fc.property(fc.integer({ min: lo, max: hi }), (n) => fromDayNumber(n) === searchedFromDayNumber(n)), propertyRuns(2000, process.env));
    for (let n = slicedDayNumber('1896-01-01'); n <= slicedDayNumber('2104-12-31'); n += 1) if (fromDayNumber(n) !== searchedFromDayNumber(n)) expect(fromDayNumber(n)).toBe(searchedFromDayNumber(n));
  });
});

describe('date codes (what a packed commandId trace keeps of its date)', () => {
  const anyDate = fc
    .record({ y: fc.integer({ min: 0, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
    .map(({ y, m, d }) => ymd(y, m, Math.min(d, daysInMonth(y, m))));

  it('give the date back, fit in three bytes, and keep the dates’ order', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(fromDateCode(dateCode(a))).toBe(a);
        expect(dateCode(a)).toBeGreaterThanOrEqual(0);
        expect(dateCode(a)).toBeLessThan(2 ** 24);
        expect(Math.sign(dateCode(a) - dateCode(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
      propertyRuns(2000, process.env),
    );
    for (let n = dayNumber('2010-01-01'); n < dayNumber('2030-01-01'); n += 1) expect(fromDateCode(dateCode(fromDayNumber(n)))).toBe(fromDayNumber(n));
  });
});

describe('isBusinessDate agrees with its regular-expression definition', () => {
  const regexIsBusinessDate = (s: unknown): boolean => {
    if (typeof s !== 'string') return false;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    return y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
  };
  const near = fc
    .tuple(fc.integer({ min: 1890, max: 3010 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.nat(9), fc.constantFrom('', '-', '\n', ' ', '٣', '/', '0'))
    .map(([y, m, d, at, ch]) => {
      const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      return ch === '' ? s : at % 3 === 0 ? s + ch : s.slice(0, at) + ch + s.slice(at + 1);
    });

  it('on near-dates (every field at and beyond its bounds, a character replaced or appended) and on anything', () => {
    fc.assert(fc.property(fc.oneof(near, fc.string({ maxLength: 12 }), fc.anything()), (s) => isBusinessDate(s) === regexIsBusinessDate(s)), propertyRuns(5000, process.env));
  });
});

describe('yearOf agrees with its sliced definition', () => {
  const sliced = (d: string): number => Number(d.slice(0, 4));
  it.each(['2016-02-29', '1900-01', '0012-03-04', '2999-12', 'abcd-01', '12', '', '2016', '2016x01', '20a6-01-01', ' 201-01'])('%j', (d) => expect(yearOf(d)).toBe(sliced(d)));
  it('on any string, and on any date or month written out', () => {
    fc.assert(fc.property(fc.string({ maxLength: 12 }), (d) => Object.is(yearOf(d), sliced(d))));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.boolean(), (y, m, month) => {
        const d = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}${month ? '' : '-15'}`;
        return yearOf(d) === sliced(d);
      }),
    );
  });
});
