import { addDays, dayNumber, daysBetween, endOfFebruary, fromDayNumber, isBusinessDate, lastDayOf } from './dates';

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
