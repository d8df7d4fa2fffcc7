import type { DivisionTree, Policy } from '@hearth/domain';
import type { EventStore } from '@hearth/event-store';
import {
  AnnualClearance, BacklogQuery, ClearanceQuery, DirectReports, MonthlyClearance, MonthlyProgress, MonthQuery, openProjections, Projections,
  ReadModelRows, ServiceBacklog,
} from '@hearth/projections';
import { logUpTo } from './log-up-to';
import { ReadModelsNotReadyError } from './read-models-not-ready-error';

/** One way the read models differ from the log. */
export interface ReadModelDifference {
  /** `row`: a table row a rebuild from the log would not write, or one it would and the table lacks; `report`: a figure the direct fold of the log disagrees with. */
  readonly kind: 'row' | 'report';
  /** `proj_households` for a row; `clearance R 2018`, `monthly V1 2018-06`, `progress …`, `backlog … 2018-06-30` for a report. */
  readonly where: string;
  readonly detail: string;
}

export interface ReadModelVerification {
  /** The log position the read models and the fold were compared at. */
  readonly position: number;
  readonly rows: number;
  /** Divisions with data (a household's village and everything above it) and periods with data, each report compared for each. */
  readonly divisions: number;
  readonly periods: { readonly years: number; readonly months: number };
  readonly reportsCompared: number;
  /** How many differences there are in all; `differences` lists the first 200. */
  readonly differenceCount: number;
  readonly differences: readonly ReadModelDifference[];
}

/** What both sides can answer, for one division: the report documents of cli.md. */
interface ReportSource {
  clearanceReport(q: ClearanceQuery & { byChild?: false }): AnnualClearance;
  monthlyReport(q: MonthQuery & { byChild?: false }): MonthlyClearance;
  progressReport(q: MonthQuery & { byChild?: false }): MonthlyProgress;
  backlogReport(q: BacklogQuery): ServiceBacklog;
}

interface Scope {
  readonly divisions: readonly string[];
  readonly years: readonly number[];
  readonly months: readonly string[];
}

const monthEnd = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** Every division that holds a household (its village and all above it), every year and month from the first business date in the log to the last. */
const scopeOf = (direct: DirectReports, tree: DivisionTree): Scope => {
  const divisions = new Set<string>();
  let first: string | undefined;
  let last: string | undefined;
  for (const h of direct.ledger.households.values()) {
    if (h.village !== undefined && tree.get(h.village)) for (const d of tree.lineage(h.village)) divisions.add(d.code);
    for (const f of h.facts) {
      if (first === undefined || f.meta.occurredOn < first) first = f.meta.occurredOn;
      if (last === undefined || f.meta.occurredOn > last) last = f.meta.occurredOn;
    }
  }
  if (first === undefined || last === undefined) return { divisions: [...divisions], years: [], months: [] };
  const years: number[] = [];
  for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) years.push(y);
  const months = years.flatMap((y) => Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`)).filter((m) => m >= first.slice(0, 7) && m <= last.slice(0, 7));
  return { divisions: [...divisions].sort(), years, months };
};

/** Every report for every division and period of the scope, keyed by where it is; backlogs as of each month's end. */
const figuresOf = (source: ReportSource, scope: Scope): Map<string, unknown> => {
  const out = new Map<string, unknown>();
  for (const division of scope.divisions) {
    for (const year of scope.years) out.set(`clearance ${division} ${year}`, source.clearanceReport({ year, division }));
    for (const month of scope.months) {
      out.set(`monthly ${division} ${month}`, source.monthlyReport({ month, division }));
      out.set(`progress ${division} ${month}`, source.progressReport({ month, division }));
      out.set(`backlog ${division} ${monthEnd(month)}`, source.backlogReport({ asOf: monthEnd(month), division }));
    }
  }
  return out;
};

const MAX_LISTED = 200;

const rowDifferences = (actual: ReadModelRows, rebuilt: ReadModelRows): ReadModelDifference[] => {
  const out: ReadModelDifference[] = [];
  for (const table of new Set([...actual.keys(), ...rebuilt.keys()])) {
    const have = new Set(actual.get(table) ?? []);
    const want = new Set(rebuilt.get(table) ?? []);
    for (const row of have) if (!want.has(row)) out.push({ kind: 'row', where: table, detail: `in the table, not in a rebuild from the log: ${row}` });
    for (const row of want) if (!have.has(row)) out.push({ kind: 'row', where: table, detail: `written by a rebuild from the log, missing from the table: ${row}` });
  }
  return out;
};

/** Names the fields that differ (one level deep, then whole values): enough for an auditor to find the figure. */
const reportDifferences = (actual: Map<string, unknown>, direct: Map<string, unknown>): ReadModelDifference[] => {
  const out: ReadModelDifference[] = [];
  for (const [where, want] of direct) {
    const have = actual.get(where);
    if (JSON.stringify(have) === JSON.stringify(want)) continue;
    const a = (have ?? {}) as Record<string, unknown>;
    const b = (want ?? {}) as Record<string, unknown>;
    const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    const shown = (v: unknown): string => {
      const s = JSON.stringify(v) ?? 'nothing';
      return s.length > 120 ? `${s.slice(0, 117)}…` : s;
    };
    out.push({ kind: 'report', where, detail: fields.map((k) => `${k}: read model ${shown(a[k])}, log ${shown(b[k])}`).join('; ') });
  }
  return out;
};

export interface ReadModelCheckContext {
  readonly store: EventStore;
  readonly projections: Projections;
  readonly policy: Policy;
  readonly divisions: DivisionTree;
  /** Brings the read models up to the log's head. */
  catchUp(): Promise<unknown>;
}

/**
 * Proves the read models right, or lists where they are wrong, at one log position P:
 * (1) every row of every table equals what a rebuild from the log up to P into a scratch
 * database writes (a row edited, added or lost behind the runner's back is named), and
 * (2) every report, for every division and period with data, equals the independent
 * direct fold of the log up to P (DirectReports), which shares no code with the tables.
 * The read models are read in one snapshot at exactly P.
 */
export const checkReadModels = async (ctx: ReadModelCheckContext, attempts = 5): Promise<ReadModelVerification> => {
  const { store, projections, policy, divisions: tree } = ctx;
  for (let attempt = 1; ; attempt++) {
    const position = await store.headPosition();
    await ctx.catchUp();
    const log = logUpTo(store, position);
    const direct = await DirectReports.load(log, { policy, divisions: tree });
    const scope = scopeOf(direct, tree);
    const seen = projections.readAt(position, (view) => (view.position === position ? { rows: view.rows(), figures: figuresOf(view.reports, scope) } : undefined));
    if (!seen?.value) {
      if (attempt >= attempts) throw new ReadModelsNotReadyError(projections.runner.position(), position);
      continue;
    }
    const { rows, figures } = seen.value;
    const scratch = openProjections(log, { policy, divisions: tree, projections: projections.runner.projections });
    try {
      await scratch.runner.catchUp();
      const rebuilt = scratch.readAt(position, (view) => view.rows());
      if (!rebuilt) throw new Error(`a rebuild into a scratch database did not reach position ${position}`);
      const differences = [...rowDifferences(rows, rebuilt.value), ...reportDifferences(figures, figuresOf(direct, scope))];
      return {
        position,
        rows: [...rows.values()].reduce((n, r) => n + r.length, 0),
        divisions: scope.divisions.length,
        periods: { years: scope.years.length, months: scope.months.length },
        reportsCompared: figures.size,
        differenceCount: differences.length,
        differences: differences.slice(0, MAX_LISTED),
      };
    } finally {
      await scratch.close();
    }
  }
};
