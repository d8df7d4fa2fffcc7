import type { ActivityEntry, HouseholdProgress } from './household-progress';
import { villageAt } from './household-timeline';
import { endOfMonthIndex } from './village-series';
import { householdsField } from '../reports/household-fields';
import { pathOfCount } from '../reports/implied-households';

/** Where a household's flows go: the deltas of the monthly progress row (month index, village), field → amount, added to in place. */
export interface FlowRows {
  row(month: number, village: string): Map<string, number>;
}

/**
 * Pure but for `to`'s rows: what the household's activity adds to the monthly progress
 * rows, added to each row's deltas field by field, each time `n` (1 for the household's
 * contribution, −1 to take it back), for the months in `only` (all months when absent).
 * A month's activity counts in the village the household is in at the month's end
 * (decision 15); distinct members count once a month; each income record adds one to
 * `income.<cents>`. Beside each count the household adds to, it adds `n` once to
 * `h:<count path>` (household-fields.ts): a household's month lies in one village, so
 * these sum, over a division's villages, to the households behind each count (decision
 * 186). A month's row is asked for once, and a run of entries of one month (they are
 * mostly together, in log order) looks up neither the month nor `only` again.
 */
export const flowsOf = (p: HouseholdProgress, n: number, to: FlowRows, only?: ReadonlySet<number>): void => {
  if (p.t.villages.length === 0) return;
  const months = new Map<number, MonthFlows>();
  let heldMonth = -1;
  let skippedMonth = -1;
  let held: MonthFlows | undefined;
  const activity = p.activity;
  for (let k = 0; k < activity.length; k++) {
    const entry = activity[k] as ActivityEntry;
    const month = entry[1];
    const field = entry[2];
    if (month !== heldMonth) {
      if (month === skippedMonth) continue;
      if (only && !only.has(month)) {
        skippedMonth = month;
        continue;
      }
      heldMonth = month;
      held = months.get(month);
      if (held === undefined) months.set(month, (held = { deltas: to.row(month, villageAt(p.t, endOfMonthIndex(month)) as string), members: undefined, paths: new Set() }));
    }
    const row = held as MonthFlows;
    let counted = field;
    let path = field;
    // The first character first: `startsWith` costs more than the sum it guards, and only members' fields begin with `m`.
    if (field.charCodeAt(0) === 109 && field.startsWith('member.')) {
      const members = (row.members ??= new Set());
      if (members.has(field)) continue;
      members.add(field);
      path = counted = field.charCodeAt(7) === 115 && field.startsWith('member.surveyed.') ? 'membersSurveyed' : 'membersReferred';
    } else path = pathOfCount(field);
    row.deltas.set(counted, (row.deltas.get(counted) ?? 0) + n);
    if (!row.paths.has(path)) {
      row.paths.add(path);
      const households = householdsField(path);
      row.deltas.set(households, (row.deltas.get(households) ?? 0) + n);
    }
  }
};

/** One month of a household's flows: its row's deltas, the member fields already counted in it, and the count paths it has added to. */
interface MonthFlows {
  readonly deltas: Map<string, number>;
  members: Set<string> | undefined;
  readonly paths: Set<string>;
}
