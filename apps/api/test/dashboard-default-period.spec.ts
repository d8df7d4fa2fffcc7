import { commonInZone } from './support/dashboard-common-in-zone';

/**
 * The period a page opens on when the URL names none is the viewer's own year, month and day
 * (docs/decisions/0138), read in a Node process in the viewer's time zone (commonInZone).
 */
const defaultsAt = (instant: string, timeZone: string): { year: number; month: string; day: string } =>
  commonInZone(timeZone, instant, '({ year: thisYear(), month: thisMonth(), day: today() })');

describe("the dashboard's default period", () => {
  it("is the viewer's calendar at a year's end, not UTC's: 02:00 on 1 January in Beijing is 2017-01 on every page", () => {
    expect(defaultsAt('2016-12-31T18:00:00Z', 'Asia/Shanghai')).toEqual({ year: 2017, month: '2017-01', day: '2017-01-01' });
  });

  it("is the viewer's calendar west of UTC too: 20:00 on 31 March in Mexico City is still March", () => {
    expect(defaultsAt('2017-04-01T02:00:00Z', 'America/Mexico_City')).toEqual({ year: 2017, month: '2017-03', day: '2017-03-31' });
  });
});
