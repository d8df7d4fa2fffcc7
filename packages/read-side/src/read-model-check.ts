import type { DivisionTree, Policy } from '@hearth/domain';
import type { EventStore } from '@hearth/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectReports, householdsEverIn, openProjections, Projections, Reports, UnknownDivisionError, villagesOf } from '@hearth/projections';
import { DifferenceList } from './difference-list';
import { logUpTo } from './log-up-to';
import { ReadModelsNotReadyError } from './read-models-not-ready-error';
import { compareTable } from './table-comparison';

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
  /** Present when only the reports of this division and those below it were compared (every table row still is). */
  readonly division?: string;
  readonly rows: number;
  /** Divisions with data (every village a household was ever in, and everything above it; only those under `division` when given) and periods with data, each report compared for each. */
  readonly divisions: number;
  readonly periods: { readonly years: number; readonly months: number };
  readonly reportsCompared: number;
  /** How many differences there are in all; `differences` lists the first 200. */
  readonly differenceCount: number;
  readonly differences: readonly ReadModelDifference[];
}

interface Scope {
  readonly divisions: readonly string[];
  readonly years: readonly number[];
  readonly months: readonly string[];
}

/** The business dates a check's periods run between. */
interface Span {
  readonly first: string | undefined;
  readonly last: string | undefined;
}

/** The first and last business dates of the fold's facts. */
const spanOf = (direct: DirectReports): Span => {
  let first: string | undefined;
  let last: string | undefined;
  for (const h of direct.ledger.households.values())
    for (const f of h.facts) {
      if (first === undefined || f.meta.occurredOn < first) first = f.meta.occurredOn;
      if (last === undefined || f.meta.occurredOn > last) last = f.meta.occurredOn;
    }
  return { first, last };
};

/**
 * Every division a household was ever in (its village, each village it moved to, and all
 * above them), or only those in `within`'s subtree; every year and month of `span`.
 */
const scopeOf = (direct: DirectReports, tree: DivisionTree, span: Span, within?: string): Scope => {
  const divisions = new Set<string>();
  for (const h of direct.ledger.households.values())
    for (const village of villagesOf(h.facts))
      if (tree.get(village)) for (const d of tree.lineage(village)) if (within === undefined || tree.contains(within, d.code)) divisions.add(d.code);
  const { first, last } = span;
  if (first === undefined || last === undefined) return { divisions: [...divisions].sort(), years: [], months: [] };
  const [from, to] = [first.slice(0, 7), last.slice(0, 7)];
  const years: number[] = [];
  for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) years.push(y);
  const months = years.flatMap((y) => Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`)).filter((m) => m >= from && m <= to);
  return { divisions: [...divisions].sort(), years, months };
};

/**
 * The direct fold a check compares with, and the divisions and periods it compares: of
 * every household, or (`within`) of the households ever in that division's subtree, whose
 * reports alone are compared, over the whole log's dates (docs/decisions/0125).
 */
const foldFor = async (log: EventStore, ctx: ReadModelCheckContext, head: number): Promise<{ direct: DirectReports; scope: Scope }> => {
  const { policy, divisions: tree, division: within } = ctx;
  const reading = (phase: 'households' | 'facts') => (position: number): void => ctx.onProgress?.({ phase, position, head });
  if (within === undefined) {
    const direct = await DirectReports.load(log, { policy, divisions: tree }, { onPage: reading('facts') });
    return { direct, scope: scopeOf(direct, tree, spanOf(direct)) };
  }
  const ever = await householdsEverIn(log, tree, within, { onPage: reading('households') });
  const direct = await DirectReports.load(log, { policy, divisions: tree }, { only: ever.households, onPage: reading('facts') });
  return { direct, scope: scopeOf(direct, tree, ever, within) };
};

/** What is compared: the annual clearance and the backlog (as of 31 December) per year, the monthly and progress tables per month. */
const keysOf = (scope: Scope, period: number | string): string[] =>
  scope.divisions.flatMap((d) => (typeof period === 'number' ? [`clearance ${d} ${period}`, `backlog ${d} ${period}-12-31`] : [`monthly ${d} ${period}`, `progress ${d} ${period}`]));

/** The read models' reports for one period, every division of the scope, read from the subtree of the division checked (the root's by default): the tables are read once per period (`subtree`), not once per division. */
const readModelFigures = (reports: Reports, scope: Scope, period: number | string, within: string | undefined): Map<string, unknown> => {
  const out = new Map<string, unknown>();
  const wanted = new Set(scope.divisions);
  // Damaged tables can hold what no event could have written: a report that fails on them is a difference, not a crash.
  const attempt = <T>(f: () => T): T | { readonly failed: string } => {
    try {
      return f();
    } catch (e) {
      return { failed: (e as Error).message };
    }
  };
  const put = (kind: string, suffix: string, f: () => { rows: readonly { division: string }[] }): void => {
    const result = attempt(f);
    if ('failed' in result) for (const d of scope.divisions) out.set(`${kind} ${d} ${suffix}`, result);
    else for (const row of result.rows) if (wanted.has(row.division)) out.set(`${kind} ${row.division} ${suffix}`, row);
  };
  // The subtree of the division checked (the root's when none): its rows only, not the whole tree's.
  const under = within === undefined ? {} : { division: within };
  if (typeof period === 'number') {
    put('clearance', String(period), () => reports.clearanceReport({ year: period, subtree: true, ...under }));
    for (const division of scope.divisions) out.set(`backlog ${division} ${period}-12-31`, attempt(() => reports.backlogReport({ asOf: `${period}-12-31`, division })));
  } else {
    put('monthly', period, () => reports.monthlyReport({ month: period, subtree: true, ...under }));
    put('progress', period, () => reports.progressReport({ month: period, subtree: true, ...under }));
  }
  return out;
};

/** The same figures folded straight from the log, division by division. */
const directFigures = (direct: DirectReports, scope: Scope, period: number | string): Map<string, unknown> => {
  const out = new Map<string, unknown>();
  for (const division of scope.divisions) {
    if (typeof period === 'number') {
      out.set(`clearance ${division} ${period}`, direct.clearanceReport({ year: period, division }));
      out.set(`backlog ${division} ${period}-12-31`, direct.backlogReport({ asOf: `${period}-12-31`, division }));
    } else {
      out.set(`monthly ${division} ${period}`, direct.monthlyReport({ month: period, division }));
      out.set(`progress ${division} ${period}`, direct.progressReport({ month: period, division }));
    }
  }
  return out;
};

const MAX_LISTED = 200;

/** Names the fields that differ (one level deep, then whole values): enough for an auditor to find the figure. */
const reportDifference = (where: string, have: string | undefined, want: string | undefined): ReadModelDifference => {
  const a = (have === undefined ? {} : JSON.parse(have)) as Record<string, unknown>;
  const b = (want === undefined ? {} : JSON.parse(want)) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  const shown = (v: unknown): string => {
    const s = JSON.stringify(v) ?? 'nothing';
    return s.length > 120 ? `${s.slice(0, 117)}…` : s;
  };
  return { kind: 'report', where, detail: fields.map((k) => `${k}: read model ${shown(a[k])}, log ${shown(b[k])}`).join('; ') };
};

/**
 * Where a check is. Reading the log, up to `head`: `households`, the first pass of a check of
 * one division (who was ever there); `facts`, the direct fold's facts; `rebuild`, the scratch
 * copy of the read models. Then `snapshot`: comparing every table with the rebuild; `fold`:
 * comparing each period's reports with the fold's.
 */
export type ReadModelCheckProgress =
  | { readonly phase: 'households' | 'facts' | 'rebuild'; readonly position: number; readonly head: number }
  | { readonly phase: 'snapshot' | 'fold'; readonly periods: number; readonly of: number };

export interface ReadModelCheckContext {
  readonly store: EventStore;
  readonly projections: Projections;
  readonly policy: Policy;
  readonly divisions: DivisionTree;
  /** Brings the read models up to `upTo` (the log's head when the check began) or a little past it; returns the position reached. */
  catchUp(upTo: number): Promise<number>;
  /** Only the reports of this division and those below it (every table row is still compared). */
  readonly division?: string;
  readonly onProgress?: (p: ReadModelCheckProgress) => void;
}

/**
 * Proves the read models right, or lists where they are wrong, at one log position P:
 * (1) every row of every table equals what a rebuild from the log up to P into a scratch
 * database writes (a row edited, added or lost behind the runner's back is named), and
 * (2) every report, for every division and period with data, equals the independent
 * direct fold of the log up to P (DirectReports), which shares no code with the tables.
 * The read models are read in one snapshot at exactly P, and compared as they are read:
 * each table merged in key order with the scratch copy (a file, removed afterwards), each
 * period's reports against the fold's as soon as both are computed, so that memory holds
 * the fold and one period's figures, not the tables nor every report (docs/decisions/0076).
 * The fold holds every household's facts: an audit, minutes on a large region. With
 * `division`, only that division's and its descendants' reports are compared, and the fold
 * holds only the households ever placed there (docs/decisions/0125).
 */
export const checkReadModels = async (ctx: ReadModelCheckContext, attempts = 5): Promise<ReadModelVerification> => {
  const { store, projections, policy, divisions: tree } = ctx;
  if (ctx.division !== undefined && !tree.get(ctx.division)) throw new UnknownDivisionError(ctx.division);
  const dir = mkdtempSync(join(tmpdir(), 'hearth-verify-'));
  try {
    for (let attempt = 1; ; attempt++) {
      // Checked where the catch-up stopped: at least the head it was given, and not where a writer that never pauses has got to (decision 163).
      const position = await ctx.catchUp(await store.headPosition());
      const log = logUpTo(store, position);
      const { direct, scope } = await foldFor(log, ctx, position);
      const periods: (number | string)[] = [...scope.years, ...scope.months];
      const scratchFile = join(dir, `rebuild-${attempt}.db`);
      const scratch = openProjections(log, { policy, divisions: tree, projections: projections.runner.projections, readModels: `sqlite:${scratchFile}` });
      try {
        await scratch.runner.catchUp((p) => ctx.onProgress?.({ phase: 'rebuild', position: p.position, head: position }));
        const seen = projections.readAt(position, (view) => {
          if (view.position !== position) return undefined;
          const differences = new DifferenceList(MAX_LISTED);
          ctx.onProgress?.({ phase: 'snapshot', periods: 0, of: periods.length });
          const rows = scratch.readAt(position, (rebuilt) => {
            let n = 0;
            for (const table of view.tables) n += compareOrdered(table, () => view.orderedRows(table), () => rebuilt.orderedRows(table), differences);
            return n;
          });
          if (!rows) throw new Error(`a rebuild into a scratch database did not reach position ${position}`);
          let compared = 0;
          for (const [i, period] of periods.entries()) {
            ctx.onProgress?.({ phase: 'fold', periods: i, of: periods.length });
            const have = readModelFigures(view.reports, scope, period, ctx.division);
            const want = directFigures(direct, scope, period);
            for (const where of keysOf(scope, period)) {
              compared++;
              const [a, b] = [JSON.stringify(have.get(where)), JSON.stringify(want.get(where))];
              if (a !== b) differences.add(reportDifference(where, a, b));
            }
          }
          return { rows: rows.value, compared, differences };
        });
        if (!seen?.value) {
          if (attempt >= attempts) throw new ReadModelsNotReadyError(projections.runner.position(), position);
          continue;
        }
        const { rows, compared, differences } = seen.value;
        return {
          position,
          ...(ctx.division === undefined ? {} : { division: ctx.division }),
          rows,
          divisions: scope.divisions.length,
          periods: { years: scope.years.length, months: scope.months.length },
          reportsCompared: compared,
          differenceCount: differences.count,
          differences: differences.listed,
        };
      } finally {
        await scratch.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** One table merged with its rebuilt copy; both cursors closed whatever happens. */
const compareOrdered = (
  table: string,
  actual: () => IterableIterator<Record<string, unknown>>,
  rebuilt: () => IterableIterator<Record<string, unknown>>,
  out: DifferenceList,
): number => {
  const a = actual();
  try {
    const b = rebuilt();
    try {
      return compareTable(table, a, b, out, MAX_LISTED);
    } finally {
      b.return?.();
    }
  } finally {
    a.return?.();
  }
};
