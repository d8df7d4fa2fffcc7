import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { cellsServedTwoWays, figuresOfExport, figuresOfReport, type ServedFigure } from './support/analyst-figures';
import { journey } from './support/hand-worked-journeys';
import { DIVISIONS, getAs, TOKENS } from './support/hand-worked-disclosure';
import { type RecordedRegion, serveRecordedRegion } from './support/recorded-region';

/**
 * Decision 186 across a reorganisation (decision 15), attacked as an analyst. b1 (three
 * members) and b2 (two) live in VB1 and go through the whole June 2016 journey: VB1's June
 * counts are 5 from 2 households. On 2016-09-01 a new tree drops VB1 for its successor VB2,
 * which already holds five one-member households (e1–e5) on the same journey, and moves b1 and
 * b2 there. The retired VB1 can still be asked for: its June figures must stay hidden from an
 * analyst everywhere, and no answer may give a division's figure two ways.
 */
const ones = (prefix: string, village: string, n: number): object[] => Array.from({ length: n }, (_, i) => journey(`${prefix}${i + 1}`, village, 1)).flat();
const COMMANDS = [...journey('b1', 'VB1', 3), ...journey('b2', 'VB1', 2), ...ones('e', 'VB2', 5), ...ones('a', 'VA2', 5), ...ones('c', 'VA3', 6), ...ones('d', 'VC1', 5)];
const TOKEN_ENTRIES = [
  { token: TOKENS.writer, role: 'caseworker' as const, division: 'R', name: 'cw-region' },
  { token: TOKENS.auditor, role: 'auditor' as const, name: 'auditor-1' },
  { token: TOKENS.analyst, role: 'analyst' as const },
];

const CODES = DIVISIONS.map((d) => d.code as string);
const MONTHS = ['2016-06', '2016-07', '2016-09'];
const cuts = (code: string) => [`division=${code}`, `division=${code}&withChildren=true`];
const REPORT_PATHS = CODES.flatMap((code) => [
  ...MONTHS.flatMap((month) => cuts(code).flatMap((cut) => [`/api/reports/progress?month=${month}&${cut}`, `/api/reports/monthly?month=${month}&${cut}`])),
  ...[2015, 2016].flatMap((year) => [...cuts(code).map((cut) => `/api/reports/clearance?year=${year}&${cut}`), `/api/reports/monthly?year=${year}&division=${code}`]),
  ...['2016-06-30', '2016-12-31'].map((asOf) => `/api/reports/backlog?asOf=${asOf}&division=${code}`),
]);
const EXPORT_PATHS = CODES.flatMap((code) => MONTHS.flatMap((month) => ['monthly.csv', 'progress.xlsx'].map((file) => `/api/exports/${file}?month=${month}&division=${code}`)));

describe('an analyst attacking decision 186 across a reorganisation: the retired village’s two households stay hidden', () => {
  let service: RecordedRegion;
  let moved: unknown;
  const served: ServedFigure[] = [];

  beforeAll(async () => {
    service = await serveRecordedRegion({ divisions: DIVISIONS, treeOn: '2015-01-01', tokens: TOKEN_ENTRIES, commands: COMMANDS, writerToken: TOKENS.writer, folderPrefix: 'hearth-reorganised-' });
    const ledger = await Ledger.open({ storeUrl: `sqlite:${service.storePath}`, policy: referencePolicy });
    moved = await ledger.recordDivisionTree({ divisions: DIVISIONS.filter((d) => d.code !== 'VB1'), successors: { VB1: 'VB2' } }, '2016-09-01');
    await ledger.close();
    for (const path of REPORT_PATHS) await figuresOfReport(service.origin, TOKENS.analyst, path, served);
    for (const path of EXPORT_PATHS) await figuresOfExport(service.origin, TOKENS.analyst, path, served);
  }, 240_000);
  afterAll(() => service?.close());

  it('the new tree moved b1 and b2, and an auditor still reads VB1’s June five employments', async () => {
    expect(moved).toMatchObject({ _tag: 'Right', right: { moved: 2 } });
    const vb1 = (await getAs(service.origin, TOKENS.auditor, '/api/reports/progress?month=2016-06&division=VB1')).body as Record<string, Record<string, number>>;
    expect([vb1.employmentsStartedByForm?.enterprise, vb1.incomeRecords]).toEqual([5, 5]);
  });

  it('serves the retired VB1 to an analyst with no non-zero figure, in any report, month, year or file', () => {
    expect(served.filter((f) => f.division === 'VB1').length).toBeGreaterThan(100);
    expect(served.filter((f) => f.division === 'VB1' && f.value !== null && f.value !== 0).slice(0, 20)).toEqual([]);
  });

  it('shows the successor’s June figures, from seven households', () => {
    expect(served.filter((f) => f.answer === '/api/reports/progress?month=2016-06&division=PB' && f.figure === 'employmentsStartedByForm.enterprise').map((f) => f.value)).toEqual([10]);
  });

  it('gives each division’s figure one way in every answer', () => {
    expect(cellsServedTwoWays(served)).toEqual([]);
  });
});
