import { cellsServedTwoWays, figuresOfExport, figuresOfReport, type ServedFigure } from './support/analyst-figures';
import { repeatedClearances } from '@hearth/projections/testing';
import { journey } from './support/hand-worked-journeys';
import { DIVISIONS, type DisclosureService, getAs, serveDisclosureRegion, TOKENS } from './support/hand-worked-disclosure';

/**
 * Decision 186 attacked as an analyst would, through every read an analyst's token is allowed.
 *
 * Six households in the region, none of whose figures an analyst may see below the root:
 * - f1, five members in VA1, alone in its village, through the whole journey in June 2016
 *   (surveyed, trained, referred, employed, cleared, paid, a follow-up with a concern), the
 *   jobs lost and the household relapsed in July;
 * - g1, one member in VA2, cleared five times and relapsed four in June 2016;
 * - b1 (three members) and b2 (two) in VB1, b3 (three) and b4 (two) in VB2: the same journey
 *   as f1's. PB's counts of members and records are 10, from 4 households: its figures are
 *   as small as each village's (the brief's "a count of 5 from 4 households in a parent").
 * So every division but R has 1 to 4 households behind each of its non-zero counts; an
 * analyst must be served none of them as a number (0 is published: no household behind it).
 */
const COMMANDS = [
  ...journey('f1', 'VA1', 5), ...repeatedClearances('g1', 'VA2'),
  ...journey('b1', 'VB1', 3), ...journey('b2', 'VB1', 2), ...journey('b3', 'VB2', 3), ...journey('b4', 'VB2', 2),
];

const CODES = DIVISIONS.map((d) => d.code as string);
const MONTHS = ['2016-05', '2016-06', '2016-07', '2016-12'];
const YEARS = [2015, 2016];
const VILLAGES = new Set(DIVISIONS.filter((d) => d.level === 'village').map((d) => d.code));
/** A village has no children: its by-child answer has no rows to read. */
const CUTS = (division: string): string[] => [`division=${division}`, ...(VILLAGES.has(division) ? [] : [`division=${division}&byChild=true`]), `division=${division}&withChildren=true`];

/** Every JSON answer an analyst may ask of the reports, for every division, cut and period above. */
const REPORT_PATHS = CODES.flatMap((code) => [
  ...MONTHS.flatMap((month) => CUTS(code).flatMap((cut) => [`/api/reports/progress?month=${month}&${cut}`, `/api/reports/monthly?month=${month}&${cut}`])),
  ...YEARS.flatMap((year) => [...CUTS(code).map((cut) => `/api/reports/clearance?year=${year}&${cut}`), `/api/reports/monthly?year=${year}&division=${code}`]),
  ...['2016-06-30', '2016-07-31', '2016-12-31'].map((asOf) => `/api/reports/backlog?asOf=${asOf}&division=${code}`),
]);
const EXPORT_PATHS = CODES.flatMap((code) => MONTHS.flatMap((month) =>
  ['monthly.csv', 'monthly.xlsx', 'progress.csv', 'progress.xlsx'].map((file) => `/api/exports/${file}?month=${month}&division=${code}`)));

const shown = (f: ServedFigure) => f.value !== null && f.value !== 0;

describe('an analyst attacking decision 186 through every read: no figure below the root with 1 to 4 households behind it', () => {
  let service: DisclosureService;
  const served: ServedFigure[] = [];

  beforeAll(async () => {
    service = await serveDisclosureRegion(COMMANDS);
    for (const path of REPORT_PATHS) await figuresOfReport(service.url, TOKENS.analyst, path, served);
    for (const path of EXPORT_PATHS) await figuresOfExport(service.url, TOKENS.analyst, path, served);
  }, 240_000);
  afterAll(() => service?.close());

  it('the households’ figures are really there: an auditor reads f1’s five employments in VA1 and PB’s ten from four households', async () => {
    const va1 = (await getAs(service.url, TOKENS.auditor, '/api/reports/progress?month=2016-06&division=VA1')).body as Record<string, Record<string, number>>;
    const pb = (await getAs(service.url, TOKENS.auditor, '/api/reports/progress?month=2016-06&division=PB')).body as Record<string, Record<string, number>>;
    const va2 = (await getAs(service.url, TOKENS.auditor, '/api/reports/monthly?month=2016-06&division=VA2')).body as Record<string, number>;
    expect([va1.employmentsStartedByForm?.enterprise, pb.employmentsStartedByForm?.enterprise, va2.cleared]).toEqual([5, 10, 5]);
  });

  it('every answer was read, and each holds figures of every division', () => {
    const read = new Set(served.map((f) => f.answer));
    expect([...REPORT_PATHS, ...EXPORT_PATHS].filter((path) => !read.has(path))).toEqual([]);
    expect(new Set(served.map((f) => f.division))).toEqual(new Set(CODES));
  });

  it('no division below the root is served a non-zero count, median or mean, in JSON, CSV or .xlsx', () => {
    const leaks = served.filter((f) => f.division !== 'R' && shown(f));
    expect(leaks.slice(0, 20)).toEqual([]);
  });

  it('every answer gives a division the same figure, hidden or shown, whatever the cut or the file', () => {
    expect(cellsServedTwoWays(served)).toEqual([]);
  });
});
