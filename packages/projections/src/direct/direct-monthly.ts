import { addDays, DivisionTree, evolve, firstDayOf, lastDayOf } from '@hearth/domain';
import type { MonthQuery } from '../reports/monthly-report';
import { addHouseholds, type ContributingHouseholds, type HouseholdsBehind } from '../reports/contributing-households';
import { emptyMonthlyCounts, MonthlyClearance, MonthlyClearanceByChild, monthlyClearance, MonthlyCounts } from '../reports/read-models';
import { directDivisions, householdsUnder } from './direct-scope';
import type { HouseholdLedger } from './household-ledger';

type Move = 'identified' | 'relapsed' | 'cleared' | 'withdrawn' | 'exempted' | 'deregistered';

/**
 * The monthly table by walking each household through the month event by event and
 * watching its status enter or leave `identified`; a move out is named by the status it
 * went to, a move in by whether the household had been identified before.
 */
export const directMonthly = (ledger: HouseholdLedger, tree: DivisionTree, q: MonthQuery): MonthlyClearance | MonthlyClearanceByChild => {
  const { division, rows } = directMonthlyRows(ledger, tree, q);
  return q.byChild ? { division, month: q.month, rows } : (rows[0] as MonthlyClearance);
};

/** For each division `directMonthly` has a row for, the households behind each of the month's moves (decision 186), household by household. */
export const directMonthlyHouseholds = (ledger: HouseholdLedger, tree: DivisionTree, q: MonthQuery): ContributingHouseholds => directMonthlyRows(ledger, tree, q).households;

const directMonthlyRows = (ledger: HouseholdLedger, tree: DivisionTree, q: MonthQuery): { division: string; rows: MonthlyClearance[]; households: Map<string, HouseholdsBehind> } => {
  const { division, wanted } = directDivisions(tree, q.division, q.byChild === true);
  const first = firstDayOf(q.month);
  const last = lastDayOf(q.month);
  const households = new Map<string, HouseholdsBehind>();
  const rows = wanted.map((d) => {
    const c = emptyMonthlyCounts() as { -readonly [K in keyof MonthlyCounts]: number };
    const behind: HouseholdsBehind = {};
    for (const h of householdsUnder(ledger, tree, d, last)) {
      let s = ledger.stateAt(h.householdId, addDays(first, -1));
      if (s.status === 'identified') c.stockAtStart += 1;
      const own = new Set<Move>();
      for (const f of ledger.factsBetween(h.householdId, first, last)) {
        const before = s.status;
        const wasEverIdentified = s.firstIdentifiedOn !== undefined;
        s = evolve(s, f.event, f.meta);
        let move: Move | undefined;
        if (before !== 'identified' && s.status === 'identified') move = wasEverIdentified && before === 'cleared' ? 'relapsed' : 'identified';
        else if (before === 'identified' && s.status !== 'identified') {
          if (s.status === 'cleared' || s.status === 'withdrawn' || s.status === 'exempted' || s.status === 'deregistered') move = s.status;
        }
        if (move !== undefined) {
          c[move] += 1;
          own.add(move);
        }
      }
      // However many times it moved so in the month, a household is one behind each move it made.
      for (const move of own) addHouseholds(behind, move);
      if (ledger.stateAt(h.householdId, last).status === 'identified') c.stockAtEnd += 1;
    }
    households.set(d.code, behind);
    return monthlyClearance(d.code, q.month, c);
  });
  return { division: division.code, rows, households };
};
