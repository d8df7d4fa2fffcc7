import * as E from 'fp-ts/Either';
import { decideDivisionTree, divisionHistory, DIVISIONS_STREAM, storedDivisionTrees } from '@hearth/domain';
import type { RecordedEvent } from '@hearth/event-store';
import type { LogFinding } from './finding';

/**
 * Each tree of the `divisions` stream decided again against the trees recorded before it,
 * as `divisions load` decides it (decideDivisionTree): a tree the ledger refuses — a code
 * moved under another parent or to another level, another root, a successor that does not
 * fit — appended behind its back with its chain recomputed passes every hash, yet re-rolls
 * every report of the periods before it (a code keeps its place for ever so that they
 * cannot change: docs/decisions/0015). The first tree has nothing before it to be held to;
 * its own validity is checked when the ledger opens (decision 13). A stream whose trees do
 * not decode stops the ledger before verify runs, so it is not judged here.
 */
export const divisionTreeAnomalies = (events: readonly RecordedEvent[]): LogFinding[] => {
  const stored = storedDivisionTrees(events.map((e) => ({ position: e.position, occurredOn: e.metadata.occurredOn, type: e.type, data: e.data })));
  if (E.isLeft(stored)) return [];
  const { trees } = stored.right;
  const anomalies: LogFinding[] = [];
  for (let k = 1; k < trees.length; k++) {
    const tree = trees[k] as (typeof trees)[number];
    const before = divisionHistory(trees.slice(0, k));
    if (E.isLeft(before)) continue;
    const decided = decideDivisionTree({ divisions: tree.divisions, successors: tree.successors ?? {} }, before.right, { effectiveFrom: tree.occurredOn });
    if (E.isLeft(decided))
      anomalies.push({
        householdId: DIVISIONS_STREAM,
        position: tree.position,
        kind: 'rejected',
        detail: `DivisionTreeRecorded: the ledger would refuse this tree here: ${decided.left.map((f) => `${f.path || '(tree)'}: ${f.message}`).join('; ')}`,
      });
  }
  return anomalies;
};
