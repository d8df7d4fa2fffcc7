import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDivisionTree, Division, DivisionTree, referencePolicy } from '@hearth/domain';
import { importCommands, Ledger } from '@hearth/ledger';
import {
  backlogCountsByDivision, discloseReport, openProjections, Projections, reportFromSubtree, suppress, suppressSubtree, type SubtreeReport,
} from '@hearth/projections';
import { attack, cellId, type Equation, type Knowledge, learn, periodEquations, sameCell } from '@hearth/projections/testing';
import { generateDivisions, generateHouseholdCommands } from '@hearth/simulator';
import { tempDir } from './support/cli';

/**
 * Issue 9's disclosure proof on a generated region: an analyst who reads every answer for
 * a year — the annual tables of two years, the twelve monthly tables, two progress tables
 * and the backlog, each for every division and by child of every division — sees no count
 * from 1 to 4, and an attacker who subtracts along the division tree, the monthly identity,
 * employments by form and by place, and the stocks shared by consecutive months and years,
 * recovers no suppressed cell. The same attacker unpicks primary suppression alone.
 */
const HOUSEHOLDS = 1500;
const region = { households: HOUSEHOLDS, seed: 20169 };
const divisions: Division[] = generateDivisions(region);
const tree = ((): DivisionTree => {
  const built = buildDivisionTree(divisions);
  if (built._tag === 'Left') throw new Error('generated tree is invalid');
  return built.right;
})();
const parentOf = (code: string): string | null | undefined => tree.get(code)?.parentCode;
const codes = divisions.map((d) => d.code);
const MONTHS = Array.from({ length: 12 }, (_, m) => `2017-${String(m + 1).padStart(2, '0')}`);
const PROGRESS_MONTHS = ['2017-03', '2017-09'];

type Row = { division: string } & Record<string, unknown>;
type Table = SubtreeReport<Row>;
/** Every period's table for the whole tree, as the read models answer `subtree: true` for the root. */
interface Tables { annual: Map<string, Table>; monthly: Map<string, Table>; progress: Map<string, Table>; backlog: Table }

/** Every answer an analyst can ask for one period, cut from `shown`: each division's own row and its children's rows. */
const everyAnswer = (shown: Table): Row[] =>
  codes.flatMap((division) => {
    const own = reportFromSubtree(shown, parentOf, { division, byChild: false }) as Row;
    const children = reportFromSubtree(shown, parentOf, { division, byChild: true }) as Table;
    return [own, ...children.rows];
  });

const SMALL_EXEMPT = new Set(['cumulativeShare', 'achievement', 'medianMonthlyIncome', 'meanMonthlyIncome']);
const smallCounts = (rows: readonly Row[]): string[] =>
  rows.flatMap((r) => {
    const out: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (typeof v === 'number' && !SMALL_EXEMPT.has(path) && path !== 'year' && v >= 1 && v <= 4) out.push(`${r.division}.${path}=${v}`);
      else if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(x, path === '' ? k : `${path}.${k}`);
    };
    walk(r, '');
    return out;
  });

/** What an analyst learns from every answer when each table is shown through `show`, and what the attacker makes of it. */
const unpick = (t: Tables, show: (table: Table) => Table): { known: Knowledge; shown: Row[]; recovered: Map<string, number> } => {
  const known: Knowledge = new Map();
  const shown: Row[] = [];
  const equations: Equation[] = [];
  const read = (period: string, table: Table): void => {
    const rows = everyAnswer(show(table));
    shown.push(...rows);
    learn(known, period, rows);
  };
  for (const [year, table] of t.annual) read(year, table);
  for (const [month, table] of t.monthly) read(month, table);
  for (const [month, table] of t.progress) read(`progress ${month}`, table);
  read('backlog', t.backlog);
  for (const period of [...t.annual.keys(), ...t.monthly.keys(), ...[...t.progress.keys()].map((m) => `progress ${m}`), 'backlog'])
    equations.push(...periodEquations(known, period, codes, parentOf));
  for (const d of codes) {
    // A stock on a date is one figure, whichever table shows it.
    equations.push(sameCell(cellId('2016', d, 'stockAtEnd'), cellId('2017-01', d, 'stockAtStart')));
    for (const [i, month] of MONTHS.slice(1).entries()) equations.push(sameCell(cellId(MONTHS[i] as string, d, 'stockAtEnd'), cellId(month, d, 'stockAtStart')));
    equations.push(sameCell(cellId('2017-12', d, 'stockAtEnd'), cellId('2017', d, 'stockAtEnd')));
  }
  return { known, shown, recovered: attack(known, equations) };
};

/** The true value of a cell the attacker names. */
const truth = (t: Tables, id: string): unknown => {
  const [period, division, path] = id.split('|') as [string, string, string];
  const table = period === 'backlog' ? t.backlog : period.startsWith('progress ') ? t.progress.get(period.slice(9)) : (t.annual.get(period) ?? t.monthly.get(period));
  let v: unknown = table?.rows.find((r) => r.division === division);
  for (const k of path.split('.')) v = (v as Record<string, unknown>)[k];
  return v;
};

describe(`disclosure control on a generated region of ${HOUSEHOLDS} households (${divisions.length} divisions)`, () => {
  let cleanup: () => void;
  let ledger: Ledger;
  let projections: Projections;
  let tables: Tables;

  beforeAll(async () => {
    let dir: string;
    ({ dir, cleanup } = tempDir());
    const file = join(dir, 'region.jsonl');
    writeFileSync(file, `${Array.from({ length: HOUSEHOLDS }, (_, i) => generateHouseholdCommands(region, i)).flat().map((c) => JSON.stringify(c)).join('\n')}\n`);
    ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'region.db')}`, policy: referencePolicy });
    await ledger.recordDivisionTree(divisions, '2016-01-01');
    projections = openProjections(ledger.store, { policy: referencePolicy, divisions: tree });
    await importCommands(ledger, { source: file, batchSize: 500 });
    await projections.runner.catchUp();
    const r = projections.reports;
    const all = { subtree: true as const };
    tables = {
      annual: new Map(['2016', '2017'].map((y) => [y, r.clearanceReport({ year: Number(y), ...all }) as unknown as Table])),
      monthly: new Map(MONTHS.map((month) => [month, r.monthlyReport({ month, ...all }) as unknown as Table])),
      progress: new Map(PROGRESS_MONTHS.map((month) => [month, r.progressReport({ month, ...all }) as unknown as Table])),
      backlog: backlogCountsByDivision(r.backlogReport({ asOf: '2017-06-30' }), tree) as unknown as Table,
    };
  }, 600_000);

  afterAll(async () => {
    await projections?.close();
    await ledger?.close();
    cleanup?.();
  });

  it('has small counts to protect', () => {
    const rows = [...tables.annual.values(), ...tables.monthly.values(), ...tables.progress.values(), tables.backlog].flatMap((t) => t.rows);
    expect(smallCounts(rows).length).toBeGreaterThan(1000);
  });

  it('under primary suppression alone, the attacker recomputes suppressed cells, every one to its true value', () => {
    const { recovered } = unpick(tables, (t) => suppress(t, referencePolicy.suppressBelow) as unknown as Table);
    expect(recovered.size).toBeGreaterThan(100);
    for (const [id, v] of recovered) expect([id, v]).toEqual([id, truth(tables, id)]);
  });

  it('with complementary suppression, no analyst-visible cell holds a count from 1 to 4 and the attacker recomputes nothing', () => {
    const { shown, recovered, known } = unpick(tables, (t) => suppressSubtree(t, parentOf, referencePolicy.suppressBelow) as unknown as Table);
    expect(smallCounts(shown)).toEqual([]);
    expect([...known.values()].filter((v) => v === null).length).toBeGreaterThan(1000);
    expect([...recovered]).toEqual([]);
  });

  it('answers each request exactly as the cut of the suppressed tree (what the API and the CLI call)', () => {
    const table = tables.monthly.get('2017-05') as Table;
    const shut = suppressSubtree(table, parentOf, referencePolicy.suppressBelow);
    for (const division of [tree.root.code, ...tree.children(tree.root.code).map((d) => d.code).slice(0, 3), codes[codes.length - 1] as string])
      for (const byChild of [false, true])
        expect(discloseReport(table, parentOf, { division, byChild }, referencePolicy.suppressBelow)).toEqual(reportFromSubtree(shut, parentOf, { division, byChild }));
  });
});
