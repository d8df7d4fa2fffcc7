import type Database from 'better-sqlite3';
import { DivisionTree, lastDayOf, Month, monthOf, Policy } from '@hearth/domain';
import { HOUSEHOLDS_PREFIX, REFERENCE_CUTOFF } from '../projections/household-timeline';
import { rollUpTreeOf } from '../projections/roll-up-tree';
import { monthIndex } from '../projections/village-series';
import { addHouseholds, type HouseholdsBehind, noHouseholds } from './contributing-households';
import { divisionNamed, inc, reportedDivisions, VillageTally } from './division-scope';
import { AnnualCounts, emptyAnnualCounts, emptyMonthlyCounts, MonthlyCounts } from './read-models';

type Row = [key: string, village: string, initial: number, base: number, series: Buffer];

/**
 * Which rows the counts are read from: every village's (one a village and counter), the
 * region's sums (one a counter), or the rows of the villages listed (a division's).
 */
export type CounterScope = 'villages' | 'region' | { readonly villages: readonly string[] };

/**
 * Or the whole counts of the divisions listed: each its own village row plus its
 * per-division sum (only under the tree the sums are kept under: divisionSumsServe).
 */
export type SumsScope = CounterScope | { readonly divisions: readonly string[] };

/** The value of a stored counter at month index i: its initial value plus its cumulative series there, read straight from the blob. */
export const valueAt = (initial: number, base: number, blob: Buffer, i: number): number => {
  const n = blob.byteLength / 4;
  if (i < base || n === 0) return initial;
  return initial + blob.readInt32LE(Math.min(i - base, n - 1) * 4);
};

/**
 * valueAt's reading of the blob, done inside SQLite: the SQL expression of the four bytes
 * a counter holds at the month index bound as `index` (a named parameter such as
 * `@month`), NULL where valueAt returns `initial` alone. A query selecting it hands
 * JavaScript four bytes a row instead of the whole series, which for a series that runs
 * decades ahead (the eligible members, ~2 KB a village) is most of the read's cost. Read
 * its value with valueFromBytes.
 */
export const valueBytesSql = (index: string): string =>
  `CASE WHEN ${index} < base OR length(series) = 0 THEN NULL ELSE substr(series, min(${index} - base, length(series) / 4 - 1) * 4 + 1, 4) END`;

/** A counter's value from its `initial` and the bytes valueBytesSql selected. */
export const valueFromBytes = (initial: number, bytes: Buffer | null): number => (bytes === null ? initial : initial + bytes.readInt32LE(0));

const after = (prefix: string): string => `${prefix}\uffff`;

/**
 * The read side of the division counters (`agg_village_series` and the region's sums
 * `agg_region_series`, see DivisionCountersProjection): per-village annual and monthly
 * counts from a few rows a village, or the whole region's from a few rows, whatever the
 * number of households.
 */
export class VillageCounters {
  private readonly range: Record<'villages' | 'region', Database.Statement<[string, string], Row>>;
  private readonly listed: Database.Statement<[string, string, string], Row>;
  private readonly listedSums: Database.Statement<[string, string, string], Row>;
  private readonly regionVillages: Database.Statement<[], string>;
  private readonly sumsTree: Database.Statement<[], string>;

  constructor(db: Database.Database) {
    const select = (table: string) => db.prepare<[string, string], Row>(`SELECT key, village, initial, base, series FROM ${table} WHERE key BETWEEN ? AND ?`).raw();
    this.range = { villages: select('agg_village_series'), region: select('agg_region_series') };
    // Seeks into the key (village, key): a seek a listed village, whatever the number of other villages.
    this.listed = db
      .prepare<[string, string, string], Row>(
        'SELECT s.key, s.village, s.initial, s.base, s.series FROM json_each(?) AS v JOIN agg_village_series AS s ON s.village = v.value AND s.key BETWEEN ? AND ?',
      )
      .raw();
    this.listedSums = db
      .prepare<[string, string, string], Row>(
        'SELECT s.key, s.division, s.initial, s.base, s.series FROM json_each(?) AS v CROSS JOIN agg_division_series AS s ON s.division = v.value AND s.key BETWEEN ? AND ?',
      )
      .raw();
    this.regionVillages = db.prepare<[], string>('SELECT village FROM agg_region_villages').pluck();
    this.sumsTree = db.prepare<[], string>('SELECT fingerprint FROM agg_rollup_tree').pluck();
  }

  /**
   * Whether the per-division sums (`agg_division_series`) are kept under `tree`: its
   * divisions and parents are those of the tree stored with them (one short row read and
   * a fingerprint made once a tree). Then a division's counts under `tree` are its own
   * village row plus its sum, whatever the number of villages below it (docs/decisions/0079).
   */
  divisionSumsServe(tree: DivisionTree): boolean {
    return this.sumsTree.get() === rollUpTreeOf(tree).fingerprint;
  }

  /**
   * The rows a report on division `q.division` reads: every village's for the root (each
   * village is under it; one scan costs less than a seek a village), else only the rows
   * of the divisions under it — the only villages that can add into its rows (rollUp).
   */
  static scopeOf(tree: DivisionTree, q: { readonly division?: string }): CounterScope {
    const division = divisionNamed(tree, q.division);
    if (division.code === tree.root.code) return 'villages';
    return { villages: reportedDivisions(tree, division, { subtree: true }).map((d) => d.code) };
  }

  /**
   * Whether the whole region's sums (`agg_region_series`) are the root's under `tree`:
   * only when every village some household's timeline names (`agg_region_villages`, the
   * villages that can add to the sums) is a division of the tree, since a village the
   * tree does not know counts nowhere (rollUp).
   */
  regionSumsServe(tree: DivisionTree): boolean {
    return this.regionVillages.all().every((v) => tree.get(v) !== undefined);
  }

  private rows(scope: SumsScope, from: string, to: string): Row[] {
    if (typeof scope === 'string') return this.range[scope].all(from, to);
    if ('villages' in scope) return this.listed.all(JSON.stringify(scope.villages), from, to);
    // A division's households of its own and those below it: the tally adds the two rows. CROSS JOIN keeps the list
    // as the outer loop: a seek a division into each table's index.
    const listed = JSON.stringify(scope.divisions);
    return [...this.listed.all(listed, from, to), ...this.listedSums.all(listed, from, to)];
  }

  /**
   * Whether the baseline can be read from the counters: they keep baseline households by
   * the month of their first identification, so the cutoff must be a month's last day.
   */
  static servesBaseline(policy: Policy): boolean {
    return policy.baselineCutoff === lastDayOf(monthOf(policy.baselineCutoff));
  }

  /**
   * Per-village annual counts for year Y (domain.md §5.1); only for a policy the counters
   * serve (servesBaseline). With scope `region`: the whole region's, keyed by REGION ('');
   * with scope `divisions`: each listed division's whole counts, keyed by its code.
   */
  annualCounts(policy: Policy, year: number, scope: SumsScope = 'villages'): Map<string, AnnualCounts> {
    const december = year * 12 + 11;
    const cutoff = monthOf(policy.baselineCutoff);
    const tally = new VillageTally(emptyAnnualCounts);
    // The reference cutoff's baseline is one counter a village; another cutoff sums the months of first identification up to it.
    const baselineRows = policy.baselineCutoff === REFERENCE_CUTOFF
      ? this.rows(scope, 'ref.baseline', 'ref.baselineCleared')
      : [...this.rows(scope, 'stock.baseline.', `stock.baseline.${cutoff}`), ...this.rows(scope, 'stock.baselineCleared.', `stock.baselineCleared.${cutoff}`)];
    for (const [key, village, initial, base, blob] of baselineRows)
      inc(tally.of(village), key.includes('baselineCleared') ? 'baselineCleared' : 'baseline', valueAt(initial, base, blob, december));
    for (const [key, village, initial, base, blob] of [...this.rows(scope, 'stock.identified', 'stock.identified'), ...this.rows(scope, 'stock.underReview', 'stock.underReview')])
      inc(tally.of(village), key === 'stock.identified' ? 'stockAtEnd' : 'underReview', valueAt(initial, base, blob, december));
    for (const [key, village, initial, base, blob] of this.rows(scope, 'year.', after('year.')))
      inc(tally.of(village), key.slice('year.'.length) as keyof AnnualCounts, valueAt(initial, base, blob, december) - valueAt(initial, base, blob, december - 12));
    return tally.byVillage;
  }

  /**
   * For each village (division, with scope `divisions`), the households behind each in-year
   * event count of year Y (`identifiedInYear`, …): never served, read only for the analysts'
   * suppression (decision 186), so the unsuppressed reports never read their rows.
   */
  annualHouseholds(year: number, scope: SumsScope = 'villages'): Map<string, HouseholdsBehind> {
    const december = year * 12 + 11;
    const prefix = `${HOUSEHOLDS_PREFIX}year.`;
    const tally = new VillageTally(noHouseholds);
    for (const [key, village, initial, base, blob] of this.rows(scope, prefix, after(prefix))) {
      const n = valueAt(initial, base, blob, december) - valueAt(initial, base, blob, december - 12);
      // A path is listed only with households behind it, as the direct fold lists them: a zero is none.
      if (n !== 0) addHouseholds(tally.of(village), key.slice(prefix.length), n);
    }
    return tally.byVillage;
  }

  /** `annualHouseholds` for the moves of each month listed (`identified`, `cleared`, …), in their order, from one read of the rows. */
  monthlyHouseholdsOf(months: readonly (Month | string)[], scope: SumsScope = 'villages'): Map<string, HouseholdsBehind>[] {
    const at = months.map((month) => monthIndex(`${month}-01`));
    const prefix = `${HOUSEHOLDS_PREFIX}month.`;
    const tallies = months.map(() => new VillageTally(noHouseholds));
    for (const [key, village, initial, base, blob] of this.rows(scope, prefix, after(prefix))) {
      const path = key.slice(prefix.length);
      at.forEach((i, m) => {
        const n = valueAt(initial, base, blob, i) - valueAt(initial, base, blob, i - 1);
        if (n !== 0) addHouseholds((tallies[m] as VillageTally<HouseholdsBehind>).of(village), path, n);
      });
    }
    return tallies.map((tally) => tally.byVillage);
  }

  /** Per-village monthly dynamic-clearance counts (domain.md §5.2); with scope `region`, the whole region's, keyed by REGION (''); with `divisions`, each listed division's. */
  monthlyCounts(month: Month | string, scope: SumsScope = 'villages'): Map<string, MonthlyCounts> {
    return this.monthlyCountsOf([month], scope)[0] as Map<string, MonthlyCounts>;
  }

  /**
   * `monthlyCounts` of each month listed, in their order, from one read of the rows: a
   * year's twelve tables of every division (what an analyst's answers are cut from,
   * docs/decisions/0111) read each counter's row once rather than twelve times.
   */
  monthlyCountsOf(months: readonly (Month | string)[], scope: SumsScope = 'villages'): Map<string, MonthlyCounts>[] {
    const at = months.map((month) => monthIndex(`${month}-01`));
    const tallies = months.map(() => new VillageTally(emptyMonthlyCounts));
    for (const [, village, initial, base, blob] of this.rows(scope, 'stock.identified', 'stock.identified'))
      at.forEach((i, m) => inc((tallies[m] as VillageTally<MonthlyCounts>).of(village), 'stockAtEnd', valueAt(initial, base, blob, i)));
    for (const [key, village, initial, base, blob] of this.rows(scope, 'month.', after('month.'))) {
      const field = key.slice('month.'.length) as keyof MonthlyCounts;
      at.forEach((i, m) => inc((tallies[m] as VillageTally<MonthlyCounts>).of(village), field, valueAt(initial, base, blob, i) - valueAt(initial, base, blob, i - 1)));
    }
    // A household counts for the whole month in its village at the month's end, so the
    // start of the month follows from its end and the month's moves (docs/decisions/0015).
    return tallies.map((tally) => {
      for (const c of tally.byVillage.values())
        inc(c, 'stockAtStart', c.stockAtEnd - c.identified - c.relapsed + c.cleared + c.withdrawn + c.exempted + c.deregistered);
      return tally.byVillage;
    });
  }
}
