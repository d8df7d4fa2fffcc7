import { localDate } from './today';

describe("the CLI's today", () => {
  it('is the local date east of UTC, where the UTC date is still yesterday: 02:00 on 1 March in Beijing', () => {
    expect(localDate(new Date('2017-02-28T18:00:00Z'), -480)).toBe('2017-03-01');
  });

  it('is the local date west of UTC, where the UTC date is already tomorrow: 20:00 on 31 December in Mexico City', () => {
    expect(localDate(new Date('2017-01-01T02:00:00Z'), 360)).toBe('2016-12-31');
  });

  it('is the UTC date in UTC, and this machine\'s zone by default', () => {
    expect(localDate(new Date('2016-02-29T23:59:59Z'), 0)).toBe('2016-02-29');
    const now = new Date();
    expect(localDate(now)).toBe(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`);
  });
});
