import { DivisionTree, eligibleMembers, firstDayOf, isActive, lastDayOf, Policy } from '@hearth/domain';
import { addHouseholds, type ContributingHouseholds, type HouseholdsBehind } from '../reports/contributing-households';
import type { MonthQuery } from '../reports/monthly-report';
import { emptyProgressCounts, MonthlyProgress, MonthlyProgressByChild, monthlyProgress, ProgressCounts } from '../reports/read-models';
import { directDivisions, householdsUnder } from './direct-scope';
import type { HouseholdLedger } from './household-ledger';

type Tally = Record<string, number>;
const bump = (t: Readonly<Record<string, number>>, k: string): void => {
  (t as Tally)[k] = ((t as Tally)[k] ?? 0) + 1;
};

/** The monthly progress table, household by household, from the domain state and the month's events. */
export const directProgress = (ledger: HouseholdLedger, tree: DivisionTree, policy: Policy, q: MonthQuery): MonthlyProgress | MonthlyProgressByChild => {
  const { division, rows } = directProgressRows(ledger, tree, policy, q);
  return q.byChild ? { division, month: q.month, rows } : (rows[0] as MonthlyProgress);
};

/** For each division `directProgress` has a row for, the households behind each of its counts (decision 186), household by household. */
export const directProgressHouseholds = (ledger: HouseholdLedger, tree: DivisionTree, policy: Policy, q: MonthQuery): ContributingHouseholds =>
  directProgressRows(ledger, tree, policy, q).households;

const directProgressRows = (
  ledger: HouseholdLedger, tree: DivisionTree, policy: Policy, q: MonthQuery,
): { division: string; rows: MonthlyProgress[]; households: Map<string, HouseholdsBehind> } => {
  const { division, wanted } = directDivisions(tree, q.division, q.byChild === true);
  const first = firstDayOf(q.month);
  const last = lastDayOf(q.month);
  const households = new Map<string, HouseholdsBehind>();
  const rows = wanted.map((d) => {
    const c = emptyProgressCounts();
    const n = c as unknown as Tally;
    const incomes: number[] = [];
    const behind: HouseholdsBehind = {};
    for (const h of householdsUnder(ledger, tree, d, last)) {
      // This household's own counts, by the cells' paths: each it adds to has one more household behind it.
      const own: Tally = {};
      const atEnd = ledger.stateAt(h.householdId, last);
      if (isActive(atEnd)) {
        const eligible = eligibleMembers(atEnd, last, policy).length;
        if (eligible > 0) own.eligibleMembers = eligible;
      }
      const surveyed = new Set<string>();
      const referred = new Set<string>();
      for (const f of ledger.factsBetween(h.householdId, first, last)) {
        const e = f.event;
        if (e.type === 'HouseholdSurveyed') e.data.members.forEach((m) => surveyed.add(m.memberId));
        else if (e.type === 'TrainingOffered') bump(own, `trainingsOffered.${e.data.kind}`);
        else if (e.type === 'TrainingAccepted') bump(own, `trainingsAccepted.${e.data.kind}`);
        else if (e.type === 'TrainingDeclined') bump(own, `trainingsDeclined.${e.data.kind}`);
        else if (e.type === 'MemberTrained') bump(own, `trainingsCompleted.${e.data.kind}`);
        else if (e.type === 'MemberReferred') {
          bump(own, 'referralsMade');
          referred.add(e.data.memberId);
        } else if (e.type === 'ReferralAccepted') bump(own, 'referralsAccepted');
        else if (e.type === 'ReferralDeclined') bump(own, 'referralsDeclined');
        else if (e.type === 'MemberEmployed') {
          bump(own, `employmentsStartedByForm.${e.data.form}`);
          bump(own, `employmentsStartedByPlace.${e.data.place}`);
        } else if (e.type === 'EmploymentEnded') bump(own, `employmentsEndedByReason.${e.data.reason}`);
      }
      if (surveyed.size > 0) own.membersSurveyed = surveyed.size;
      if (referred.size > 0) own.membersReferred = referred.size;
      // An income record belongs to the month it is for, whenever it was recorded.
      let records = 0;
      for (const f of h.facts)
        if (f.event.type === 'IncomeRecorded' && f.event.data.month === q.month) {
          incomes.push(Math.round(f.event.data.amount * 100));
          records++;
        }
      for (const [path, count] of Object.entries(own)) {
        const [column, key] = path.split('.') as [string, string | undefined];
        if (key === undefined) n[column] = (n[column] ?? 0) + count;
        else (c[column as keyof ProgressCounts] as unknown as Tally)[key] = ((c[column as keyof ProgressCounts] as unknown as Tally)[key] ?? 0) + count;
        addHouseholds(behind, path);
      }
      if (records > 0) addHouseholds(behind, 'incomeRecords');
    }
    households.set(d.code, behind);
    return monthlyProgress(d.code, q.month, { ...c, incomeCents: incomes } as ProgressCounts);
  });
  return { division: division.code, rows, households };
};
