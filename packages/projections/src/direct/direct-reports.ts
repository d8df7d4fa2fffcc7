import type { DivisionTree, Policy } from '@hearth/domain';
import type { EventStore } from '@hearth/event-store';
import type { BacklogQuery } from '../reports/backlog-report';
import type { ClearanceQuery } from '../reports/clearance-report';
import type { MonthQuery } from '../reports/monthly-report';
import type {
  AnnualClearance, AnnualClearanceByChild, MonthlyClearance, MonthlyClearanceByChild, MonthlyProgress, MonthlyProgressByChild,
  ServiceBacklog,
} from '../reports/read-models';
import { directBacklog } from './direct-backlog';
import { directClearance, directClearanceHouseholds } from './direct-clearance';
import { directMonthly, directMonthlyHouseholds } from './direct-monthly';
import { directProgress, directProgressHouseholds } from './direct-progress';
import type { ContributingHouseholds } from '../reports/contributing-households';
import { HouseholdLedger } from './household-ledger';
import type { LogReadOptions } from './log-read-options';

/**
 * The same report objects as `Reports`, computed straight from the log by folding each
 * household: the oracle of the tests, and a second opinion for an auditor.
 */
export class DirectReports {
  private constructor(readonly ledger: HouseholdLedger, private readonly policy: Policy, private readonly divisions: DivisionTree) {}

  /**
   * The fold of every household of the log, or of `opts.only` those: enough for the reports
   * of a division whose every household, at any date, is among them (`householdsEverIn`).
   */
  static async load(store: EventStore, ctx: { policy: Policy; divisions: DivisionTree }, opts: LogReadOptions & { readonly only?: ReadonlySet<string> } = {}): Promise<DirectReports> {
    return new DirectReports(await HouseholdLedger.load(store, opts), ctx.policy, ctx.divisions);
  }

  clearanceReport(q: ClearanceQuery & { byChild: true }): AnnualClearanceByChild;
  clearanceReport(q: ClearanceQuery & { byChild?: false }): AnnualClearance;
  clearanceReport(q: ClearanceQuery): AnnualClearance | AnnualClearanceByChild;
  clearanceReport(q: ClearanceQuery): AnnualClearance | AnnualClearanceByChild {
    return directClearance(this.ledger, this.divisions, this.policy, q);
  }

  /** For each division `clearanceReport` has a row for, the households behind each in-year event count (decision 186). */
  clearanceHouseholds(q: ClearanceQuery): ContributingHouseholds {
    return directClearanceHouseholds(this.ledger, this.divisions, this.policy, q);
  }

  monthlyReport(q: MonthQuery & { byChild: true }): MonthlyClearanceByChild;
  monthlyReport(q: MonthQuery & { byChild?: false }): MonthlyClearance;
  monthlyReport(q: MonthQuery): MonthlyClearance | MonthlyClearanceByChild;
  monthlyReport(q: MonthQuery): MonthlyClearance | MonthlyClearanceByChild {
    return directMonthly(this.ledger, this.divisions, q);
  }

  /** For each division `monthlyReport` has a row for, the households behind each of the month's moves (decision 186). */
  monthlyHouseholds(q: MonthQuery): ContributingHouseholds {
    return directMonthlyHouseholds(this.ledger, this.divisions, q);
  }

  progressReport(q: MonthQuery & { byChild: true }): MonthlyProgressByChild;
  progressReport(q: MonthQuery & { byChild?: false }): MonthlyProgress;
  progressReport(q: MonthQuery): MonthlyProgress | MonthlyProgressByChild;
  progressReport(q: MonthQuery): MonthlyProgress | MonthlyProgressByChild {
    return directProgress(this.ledger, this.divisions, this.policy, q);
  }

  /** For each division `progressReport` has a row for, the households behind each of its counts (decision 186). */
  progressHouseholds(q: MonthQuery): ContributingHouseholds {
    return directProgressHouseholds(this.ledger, this.divisions, this.policy, q);
  }

  backlogReport(q: BacklogQuery): ServiceBacklog {
    return directBacklog(this.ledger, this.divisions, this.policy, q);
  }
}
