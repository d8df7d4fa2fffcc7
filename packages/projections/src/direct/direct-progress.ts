import { DivisionTree, eligibleMembers, firstDayOf, isActive, lastDayOf, Policy } from '@hearth/domain';
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
  const { division, wanted } = directDivisions(tree, q.division, q.byChild === true);
  const first = firstDayOf(q.month);
  const last = lastDayOf(q.month);
  const rows = wanted.map((d) => {
    const c = emptyProgressCounts();
    const n = c as unknown as Tally;
    const incomes: number[] = [];
    for (const h of householdsUnder(ledger, tree, d, last)) {
      const atEnd = ledger.stateAt(h.householdId, last);
      if (isActive(atEnd)) n.eligibleMembers = (n.eligibleMembers ?? 0) + eligibleMembers(atEnd, last, policy).length;
      const surveyed = new Set<string>();
      const referred = new Set<string>();
      for (const f of ledger.factsBetween(h.householdId, first, last)) {
        const e = f.event;
        if (e.type === 'HouseholdSurveyed') e.data.members.forEach((m) => surveyed.add(m.memberId));
        else if (e.type === 'TrainingOffered') bump(c.trainingsOffered, e.data.kind);
        else if (e.type === 'TrainingAccepted') bump(c.trainingsAccepted, e.data.kind);
        else if (e.type === 'TrainingDeclined') bump(c.trainingsDeclined, e.data.kind);
        else if (e.type === 'MemberTrained') bump(c.trainingsCompleted, e.data.kind);
        else if (e.type === 'MemberReferred') {
          bump(n, 'referralsMade');
          referred.add(e.data.memberId);
        } else if (e.type === 'ReferralAccepted') bump(n, 'referralsAccepted');
        else if (e.type === 'ReferralDeclined') bump(n, 'referralsDeclined');
        else if (e.type === 'MemberEmployed') {
          bump(c.employmentsStartedByForm, e.data.form);
          bump(c.employmentsStartedByPlace, e.data.place);
        } else if (e.type === 'EmploymentEnded') bump(c.employmentsEndedByReason, e.data.reason);
      }
      n.membersSurveyed = (n.membersSurveyed ?? 0) + surveyed.size;
      n.membersReferred = (n.membersReferred ?? 0) + referred.size;
      // An income record belongs to the month it is for, whenever it was recorded.
      for (const f of h.facts) if (f.event.type === 'IncomeRecorded' && f.event.data.month === q.month) incomes.push(Math.round(f.event.data.amount * 100));
    }
    return monthlyProgress(d.code, q.month, { ...c, incomeCents: incomes } as ProgressCounts);
  });
  return q.byChild ? { division: division.code, month: q.month, rows } : (rows[0] as MonthlyProgress);
};
