import { attack, baselineEquations, cellId, type Equation, type Knowledge, learn, linearAttack, periodEquations, yearEquations } from '@hearth/projections/testing';
import { repeatedClearances } from '@hearth/projections/testing';
import { journey } from './support/hand-worked-journeys';
import { DIVISIONS, type DisclosureService, getAs, serveDisclosureRegion, TOKENS } from './support/hand-worked-disclosure';

/**
 * Decision 186's complements attacked over HTTP: can an analyst recompute a figure hidden for
 * having few households behind it from the published parent and siblings, the year and its
 * months, withChildren's total and byChild, the CSV, or stocks shared by two months?
 *
 * PA: VA1 holds f1 (five members through the whole journey of June 2016) and g1 (cleared five
 * times in June): 2 households, counts of 5 and more. VA2 holds five one-member households and
 * VA3 six, through the same journey: shown. PB: VB1 holds b1 (3 members) and b2 (2), VB2 b3 (3)
 * and b4 (2): PB's counts are 10 from 4 households. PC: VC1 holds five one-member households.
 * Every JSON answer an analyst may ask is read and handed to the attacker of
 * `@hearth/projections/testing`, which knows the published relations from the domain contract
 * (a parent is its children's sum, the monthly identity, form = place, a stock on a date is one
 * figure, a year's events are its months'), solves every relation with one unknown and, more
 * strongly, eliminates over all of them.
 */
const ones = (prefix: string, village: string, n: number): object[] => Array.from({ length: n }, (_, i) => journey(`${prefix}${i + 1}`, village, 1)).flat();
const COMMANDS = [
  ...journey('f1', 'VA1', 5), ...repeatedClearances('g1', 'VA1'), ...ones('a', 'VA2', 5), ...ones('c', 'VA3', 6),
  ...journey('b1', 'VB1', 3), ...journey('b2', 'VB1', 2), ...journey('b3', 'VB2', 3), ...journey('b4', 'VB2', 2),
  ...ones('d', 'VC1', 5),
];

const CODES = DIVISIONS.map((d) => d.code as string);
const PARENT = new Map(DIVISIONS.map((d) => [d.code as string, d.parentCode as string | null]));
const parentOf = (code: string) => PARENT.get(code);
const VILLAGES = new Set(DIVISIONS.filter((d) => d.level === 'village').map((d) => d.code));
const YEARS = [2015, 2016];
const monthsOf = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
const PROGRESS_MONTHS = ['2016-06', '2016-07'];
const BACKLOG_DATES = ['2016-06-30', '2016-12-31'];
const cuts = (code: string) => [`division=${code}`, ...(VILLAGES.has(code) ? [] : [`division=${code}&byChild=true`, `division=${code}&withChildren=true`])];

type Row = { readonly division: string; readonly month?: string };
const rowsOf = (body: unknown): Row[] => {
  if (Array.isArray(body)) return body.flatMap(rowsOf);
  if (body === null || typeof body !== 'object') return [];
  const o = body as Record<string, unknown>;
  if (typeof o.division === 'string' && !Array.isArray(o.rows)) return [o as unknown as Row];
  return Object.entries(o).flatMap(([k, v]) => (k === 'position' ? [] : rowsOf(v)));
};

describe('an analyst unpicking decision 186 over HTTP: no figure hidden for its few households is recomputed', () => {
  let service: DisclosureService;
  const known: Knowledge = new Map();
  const periods = new Set<string>();
  let answers = 0;

  const read = async (period: string, path: string, periodOfRow?: (row: Row) => string): Promise<void> => {
    const { status, body } = await getAs(service.url, TOKENS.analyst, path);
    if (status !== 200) throw new Error(`${path}: ${status}`);
    answers += 1;
    for (const row of rowsOf(body)) {
      const p = periodOfRow?.(row) ?? period;
      periods.add(p);
      learn(known, p, [row]);
    }
  };

  beforeAll(async () => {
    service = await serveDisclosureRegion(COMMANDS);
    for (const code of CODES) {
      for (const year of YEARS) {
        for (const cut of cuts(code)) await read(String(year), `/api/reports/clearance?year=${year}&${cut}`);
        for (const month of monthsOf(year)) for (const cut of cuts(code)) await read(month, `/api/reports/monthly?month=${month}&${cut}`);
        await read('', `/api/reports/monthly?year=${year}&division=${code}`, (row) => row.month as string);
      }
      for (const month of PROGRESS_MONTHS) for (const cut of cuts(code)) await read(`progress ${month}`, `/api/reports/progress?month=${month}&${cut}`);
      for (const asOf of BACKLOG_DATES) await read(`backlog ${asOf}`, `/api/reports/backlog?asOf=${asOf}&division=${code}`);
    }
  }, 300_000);
  afterAll(() => service?.close());

  const equations = (): Equation[] => [
    ...[...periods].flatMap((period) => periodEquations(known, period, CODES, parentOf)),
    ...yearEquations(CODES, YEARS),
    ...baselineEquations(CODES, YEARS),
  ];

  it('hides the figures with few households behind them, and shows those with five or more', () => {
    const at = (period: string, division: string, path: string) => known.get(cellId(period, division, path));
    // VA1: 10 employments from 2 households (f1's five, g1's five); PB: 10 from 4; VA2: 5 from 5; VA3: 6 from 6; VC1: 5 from 5
    expect(['VA1', 'PB', 'VB1', 'VB2'].map((d) => at('progress 2016-06', d, 'employmentsStartedByForm.enterprise'))).toEqual([null, null, null, null]);
    expect(['VA1', 'PB', 'VB1', 'VB2'].map((d) => at('2016', d, 'clearedInYear'))).toEqual([null, null, null, null]);
    expect(at('2016-06', 'VA1', 'cleared')).toBeNull();
    // VA2's 5 and VC1's 5 go as the smallest complements of VA1's and PB's; VA3's 6 and the totals stay
    expect(['VA2', 'VA3', 'VC1', 'PA', 'R'].map((d) => at('progress 2016-06', d, 'employmentsStartedByForm.enterprise'))).toEqual([null, 6, null, 21, 36]);
  });

  it('read the answers of both years, their 24 months, two progress months and two backlog dates', () => {
    expect({ answers: answers > 500, periods: periods.size }).toEqual({ answers: true, periods: 2 + 24 + 2 + 2 });
  });

  it('solving relations one unknown at a time recovers no hidden figure', () => {
    const recovered = attack(new Map(known), equations());
    expect([...recovered].slice(0, 20)).toEqual([]);
  });

  it('eliminating over every relation at once determines no hidden figure', () => {
    // Until the audit took complements from the sum that pins a cell, elimination determined two complements here, R's and
    // PA's 2016 clearedInYear (26 and 17), whose own relations had nothing left to hide but stocks.
    const determined = [...linearAttack(new Map(known), equations()).keys()];
    expect(determined).toEqual([]);
  });
});
