import type { Division, DivisionTree } from '@hearth/domain';
import type { ContributingHouseholds, HouseholdsBehind } from './contributing-households';
import type { ServiceBacklog } from './read-models';
import type { SuppressedRow } from './suppress';
import type { ParentOf } from './suppress-relations';
import { discloseReport, suppressSubtree, type SubtreeReport } from './suppress-report';

/** The backlog as counts: how many entries each of its lists has. */
export type BacklogCounts = { readonly division: string; readonly asOf: string } & { readonly [K in BacklogList]: number };
type BacklogList = { [K in keyof ServiceBacklog]: ServiceBacklog[K] extends readonly unknown[] ? K : never }[keyof ServiceBacklog];

/**
 * The backlog's list lengths for every division of the tree (pre-order, as a subtree report),
 * from the root's backlog: each entry counts in its household's village and every division
 * above it, exactly as the backlog of that division would list it. Analysts read the backlog
 * as counts (docs/decisions/0028), and a parent's count minus its other children's would
 * give a suppressed child's away, so the counts are suppressed as one table.
 */
export const backlogCountsByDivision = (rootBacklog: ServiceBacklog, tree: DivisionTree): SubtreeReport<BacklogCounts> => {
  const lists = Object.entries(rootBacklog).filter((e): e is [BacklogList, readonly { divisionCode: string }[]] => Array.isArray(e[1]));
  const counts = new Map<string, Record<string, number>>();
  const rows: BacklogCounts[] = [];
  const visit = (d: Division): void => {
    const row = Object.fromEntries(lists.map(([k]) => [k, 0]));
    counts.set(d.code, row);
    rows.push({ division: d.code, asOf: rootBacklog.asOf, ...row } as BacklogCounts);
    for (const c of tree.children(d.code)) visit(c);
  };
  visit(tree.root);
  for (const [list, entries] of lists)
    for (const { divisionCode } of entries)
      for (const d of tree.lineage(divisionCode)) {
        const row = counts.get(d.code);
        if (row) row[list] = (row[list] as number) + 1;
      }
  return { division: tree.root.code, rows: rows.map((r) => ({ ...r, ...counts.get(r.division) })) };
};

/**
 * For every division of the tree, the households behind each of the backlog's list lengths
 * (decision 186): `referralsOwed` lists members and `openLaborConcerns` concerns, so five
 * entries can be one family's. Each entry's household counts once a list in its village and
 * every division above it.
 */
export const backlogHouseholdsByDivision = (rootBacklog: ServiceBacklog, tree: DivisionTree): ContributingHouseholds => {
  const seen = new Map<string, Map<string, Set<string>>>(tree.all.map((d) => [d.code, new Map()]));
  for (const [list, entries] of Object.entries(rootBacklog))
    if (Array.isArray(entries))
      for (const { householdId, divisionCode } of entries as readonly { householdId: string; divisionCode: string }[])
        for (const d of tree.lineage(divisionCode)) {
          const lists = seen.get(d.code);
          if (lists === undefined) continue;
          let households = lists.get(list);
          if (households === undefined) lists.set(list, (households = new Set()));
          households.add(householdId);
        }
  const out = new Map<string, HouseholdsBehind>();
  for (const [division, lists] of seen) out.set(division, Object.fromEntries([...lists].map(([list, households]) => [list, households.size])));
  return out;
};

/** Every division's backlog counts and the households behind them: what `disclosedBacklog` cuts an answer from. */
export interface BacklogCountsTree {
  readonly counts: SubtreeReport<BacklogCounts>;
  readonly households: ContributingHouseholds;
}

export const backlogCountsTree = (rootBacklog: ServiceBacklog, tree: DivisionTree): BacklogCountsTree => ({
  counts: backlogCountsByDivision(rootBacklog, tree),
  households: backlogHouseholdsByDivision(rootBacklog, tree),
});

/**
 * The backlog as an analyst gets it (docs/decisions/0028): the backlog lists households and
 * members by id, which is case-level data, so each list's length for `division` (the root
 * when absent), under the same disclosure control as every table, cut from every division's
 * counts suppressed as one table so that no count is a parent's minus its siblings'; a
 * length with 1 to suppressBelow − 1 households behind it is small too (decision 186: the
 * referrals owed are members', the open concerns visits'). `suppress` is `suppressSubtree`,
 * or a memo of it (the service's, SuppressionMemo.subtree).
 */
export const disclosedBacklog = (
  made: BacklogCountsTree, parentOf: ParentOf, division: string | undefined, suppressBelow: number,
  suppress: typeof suppressSubtree = suppressSubtree,
): SuppressedRow<BacklogCounts> | SubtreeReport<SuppressedRow<BacklogCounts>> =>
  discloseReport(made.counts, parentOf, { byChild: false, ...(division !== undefined ? { division } : {}) }, suppressBelow, (t, p, b) => suppress(t, p, b, made.households));
