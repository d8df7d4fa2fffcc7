import { addDays, DivisionTree, evolve, firstDayOf, lastDayOf } from '@hearth/domain';
import type { MonthQuery } from '../reports/monthly-report';
import { emptyMonthlyCounts, MonthlyClearance, MonthlyClearanceByChild, monthlyClearance, MonthlyCounts } from '../reports/read-models';
import { directDivisions, householdsUnder } from './direct-scope';
import type { HouseholdLedger } from './household-ledger';

/**
 * The monthly table by walking each household through the month event by event and
 * watching its status enter or leave `identified`; a move out is named by the status it
 * went to, a move in by whether the household had been identified before.
 */
export const directMonthly = (ledger: HouseholdLedger, tree: DivisionTree, q: MonthQuery): MonthlyClearance | MonthlyClearanceByChild => {
  const { division, wanted } = directDivisions(tree, q.division, q.byChild === true);
  const first = firstDayOf(q.month);
  const last = lastDayOf(q.month);
  const rows = wanted.map((d) => {
    const c = emptyMonthlyCounts() as { -readonly [K in keyof MonthlyCounts]: number };
    for (const h of householdsUnder(ledger, tree, d, last)) {
      let s = ledger.stateAt(h.householdId, addDays(first, -1));
      if (s.status === 'identified') c.stockAtStart += 1;
      for (const f of ledger.factsBetween(h.householdId, first, last)) {
        const before = s.status;
        const wasEverIdentified = s.firstIdentifiedOn !== undefined;
        s = evolve(s, f.event, f.meta);
        if (before !== 'identified' && s.status === 'identified') {
          if (wasEverIdentified && before === 'cleared') c.relapsed += 1;
          else c.identified += 1;
        } else if (before === 'identified' && s.status !== 'identified') {
          if (s.status === 'cleared') c.cleared += 1;
          else if (s.status === 'withdrawn') c.withdrawn += 1;
          else if (s.status === 'exempted') c.exempted += 1;
          else if (s.status === 'deregistered') c.deregistered += 1;
        }
      }
      if (ledger.stateAt(h.householdId, last).status === 'identified') c.stockAtEnd += 1;
    }
    return monthlyClearance(d.code, q.month, c);
  });
  return q.byChild ? { division: division.code, month: q.month, rows } : (rows[0] as MonthlyClearance);
};
