import type Database from 'better-sqlite3';
import type { DivisionTree, Policy } from '@hearth/domain';
import { BacklogFacts } from './backlog-facts';
import { backlogReport, BacklogOptions, BacklogQuery } from './backlog-report';
import { clearanceReport, ClearanceQuery } from './clearance-report';
import { clearanceHouseholds, clearanceYearHouseholds, type ClearanceYearHouseholds, monthlyHouseholds } from './clearance-households';
import { divisionNamed } from './division-scope';
import { householdStatuses, HouseholdStatusQuery } from './household-status-report';
import { monthlyReport, monthlyReportsOfYear, MonthQuery } from './monthly-report';
import { progressReport, type ProgressSources, progressWithHouseholds } from './progress-report';
import type { ContributingHouseholds } from './contributing-households';
import { ReadModelFacts } from './read-model-facts';
import type { SuppressedRow } from './suppress';
import type { ClearanceYear } from './suppress-clearance-year';
import { parentsIn, type ParentOf } from './suppress-relations';
import type { SubtreeReport } from './suppress-report';
import { SuppressionMemo } from './suppression-memo';
import { VillageCounters } from './village-counters';
import { VillageProgress } from './village-progress';
import type {
  AnnualClearance, AnnualClearanceByChild, HouseholdStatusRow, MonthlyClearance, MonthlyClearanceByChild, MonthlyProgress,
  MonthlyProgressByChild, OpenLaborConcern, ServiceBacklog,
} from './read-models';

/** The queries over the projections' tables, shaped as cli.md's `report --json` documents. */
export class Reports {
  private readonly facts: ReadModelFacts;
  private readonly backlogFacts: BacklogFacts;
  private readonly counters: VillageCounters;
  private readonly progress: VillageProgress;
  /** Suppressed tables kept by their content: a few, as a year holds every division's rows thirteen times (a dashboard's year and month). */
  private readonly suppression = new SuppressionMemo(4);
  private readonly parentOf: ParentOf;

  constructor(db: Database.Database, private readonly policy: Policy, private readonly divisions: DivisionTree) {
    this.facts = new ReadModelFacts(db);
    this.backlogFacts = new BacklogFacts(db);
    this.counters = new VillageCounters(db);
    this.progress = new VillageProgress(db);
    this.parentOf = parentsIn(divisions);
  }

  clearanceReport(q: ClearanceQuery & { byChild: true }): AnnualClearanceByChild;
  clearanceReport(q: ClearanceQuery & { subtree: true }): AnnualClearanceByChild;
  clearanceReport(q: ClearanceQuery & { byChild?: false }): AnnualClearance;
  clearanceReport(q: ClearanceQuery): AnnualClearance | AnnualClearanceByChild;
  clearanceReport(q: ClearanceQuery): AnnualClearance | AnnualClearanceByChild {
    return clearanceReport({ facts: this.facts, counters: this.counters }, this.divisions, this.policy, q);
  }

  monthlyReport(q: MonthQuery & { byChild: true }): MonthlyClearanceByChild;
  monthlyReport(q: MonthQuery & { subtree: true }): MonthlyClearanceByChild;
  monthlyReport(q: MonthQuery & { byChild?: false }): MonthlyClearance;
  monthlyReport(q: MonthQuery): MonthlyClearance | MonthlyClearanceByChild;
  monthlyReport(q: MonthQuery): MonthlyClearance | MonthlyClearanceByChild {
    return monthlyReport(this.counters, this.divisions, q);
  }

  /**
   * The twelve monthly reports of a year, January first, for one scope: each as
   * `monthlyReport` answers it, read in one pass (the year an analyst's clearance answers
   * are cut from: docs/decisions/0111).
   */
  monthlyReportsOfYear(year: number, q: Omit<MonthQuery, 'month'> & { subtree: true }): MonthlyClearanceByChild[];
  monthlyReportsOfYear(year: number, q: Omit<MonthQuery, 'month'> & { byChild: true }): MonthlyClearanceByChild[];
  monthlyReportsOfYear(year: number, q?: Omit<MonthQuery, 'month'>): (MonthlyClearance | MonthlyClearanceByChild)[];
  monthlyReportsOfYear(year: number, q: Omit<MonthQuery, 'month'> = {}): (MonthlyClearance | MonthlyClearanceByChild)[] {
    return monthlyReportsOfYear(this.counters, this.divisions, year, q);
  }

  /**
   * A year's clearance tables for the whole tree, the annual one and January to December,
   * suppressed as one at `suppressBelow` (docs/disclosure-control.md): what an analyst's
   * clearance and monthly answers are cut from (`cutClearanceYear`). Seconds at the full
   * region, so the same tables are suppressed once (a content-keyed `SuppressionMemo`): an
   * event that changes none of the year's figures costs the tables' reading, not their
   * suppression.
   */
  suppressedClearanceYear(q: { readonly year: number; readonly suppressBelow: number }): ClearanceYear<SuppressedRow<AnnualClearance>, SuppressedRow<MonthlyClearance>> {
    const year = {
      annual: this.clearanceReport({ year: q.year, byChild: false, subtree: true }),
      months: this.monthlyReportsOfYear(q.year, { byChild: false, subtree: true }),
    };
    // An event count is also small when few households are behind it (decision 186): read here only, never by the tables above.
    return this.suppression.clearanceYear(year, this.parentOf, q.suppressBelow, this.clearanceYearHouseholds(q.year));
  }

  /** Beside the year's whole-tree clearance tables, the households behind each event count (decision 186): never served. */
  clearanceYearHouseholds(year: number): ClearanceYearHouseholds {
    return clearanceYearHouseholds(this.counters, this.divisions, year);
  }

  /** For each division `clearanceReport` has a row for, the households behind each in-year event count (decision 186): never served. */
  clearanceHouseholds(q: ClearanceQuery): ContributingHouseholds {
    return clearanceHouseholds(this.counters, this.divisions, q);
  }

  /** For each division `monthlyReport` has a row for, the households behind each of the month's moves (decision 186): never served. */
  monthlyHouseholds(q: MonthQuery): ContributingHouseholds {
    return monthlyHouseholds(this.counters, this.divisions, q);
  }

  /**
   * A month's progress table for the whole tree, suppressed at `suppressBelow`: what an
   * analyst's progress answers are cut from (`reportFromSubtree`). Kept by content as
   * `suppressedClearanceYear` is.
   */
  suppressedProgress(q: { readonly month: string; readonly suppressBelow: number }): SubtreeReport<SuppressedRow<MonthlyProgress>> {
    // Each count is also small when few households are behind it (decision 186): they go into the suppression, not the answer.
    const { table, households } = progressWithHouseholds(this.progressSources(), this.divisions, this.policy, { month: q.month, byChild: false, subtree: true });
    return this.suppression.subtree(table, this.parentOf, q.suppressBelow, households);
  }

  /** For each division `progressReport` has a row for, the households behind each of its counts (decision 186): never served. */
  progressHouseholds(q: MonthQuery): ContributingHouseholds {
    return progressWithHouseholds(this.progressSources(), this.divisions, this.policy, q).households;
  }

  progressReport(q: MonthQuery & { byChild: true }): MonthlyProgressByChild;
  progressReport(q: MonthQuery & { subtree: true }): MonthlyProgressByChild;
  progressReport(q: MonthQuery & { byChild?: false }): MonthlyProgress;
  progressReport(q: MonthQuery): MonthlyProgress | MonthlyProgressByChild;
  progressReport(q: MonthQuery): MonthlyProgress | MonthlyProgressByChild {
    return progressReport(this.progressSources(), this.divisions, this.policy, q);
  }

  private progressSources(): ProgressSources {
    return { facts: this.facts, progress: this.progress };
  }

  backlogReport(q: BacklogQuery, options: BacklogOptions = {}): ServiceBacklog {
    return backlogReport(this.backlogFacts, this.divisions, this.policy, q, options);
  }

  householdStatuses(q: HouseholdStatusQuery = {}): HouseholdStatusRow[] {
    return householdStatuses(this.facts, this.divisions, this.policy, q);
  }

  /** Labour concerns open at the end of asOf, oldest first. */
  openLaborConcerns(q: BacklogQuery): OpenLaborConcern[] {
    return [...backlogReport(this.backlogFacts, this.divisions, this.policy, q).openLaborConcerns];
  }

  /** Throws UnknownDivisionError for a code the tree does not know. */
  checkDivision(code: string | undefined): void {
    divisionNamed(this.divisions, code);
  }
}
