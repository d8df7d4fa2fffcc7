import * as E from 'fp-ts/Either';
import { decideDivisionTree, divisionHistory, DIVISIONS_STREAM, type FieldError, storedDivisionTrees } from '@hearth/domain';
import type { RecordedEvent } from '@hearth/event-store';
import type { LogFinding } from './finding';

/** The position a domain field error names (`position N: …`), else the stream's last event's. */
const positionOf = (errors: readonly FieldError[], events: readonly RecordedEvent[]): number => {
  for (const f of errors) {
    const named = /^position (\d+):/.exec(f.path);
    if (named) return Number(named[1]);
  }
  return events.at(-1)?.position ?? 0;
};

const damagedTree = (kind: 'invalid-event' | 'rejected', errors: readonly FieldError[], events: readonly RecordedEvent[]): LogFinding => ({
  householdId: DIVISIONS_STREAM,
  position: positionOf(errors, events),
  kind,
  detail: `DivisionTreeRecorded: not a valid division tree (${errors.map((f) => `${f.path}: ${f.message}`).join('; ')})`,
});

/**
 * The `divisions` stream judged as the ledger reads it. A stream whose events do not decode
 * as division-tree events (`invalid-event`), or whose trees are no trees (`rejected`: a
 * village under a township no tree holds), stops every command that reads the trees
 * (decision 13); `verify` reads on past it (docs/decisions/0180) and names it here. Then each
 * tree is decided again against the trees recorded before it, as `divisions load` decides it
 * (decideDivisionTree): a tree the ledger refuses — a code moved under another parent or to
 * another level, another root, a successor that does not fit — appended behind its back with
 * its chain recomputed passes every hash, yet re-rolls every report of the periods before it
 * (a code keeps its place for ever so that they cannot change: docs/decisions/0015).
 */
export const divisionTreeAnomalies = (events: readonly RecordedEvent[]): LogFinding[] => {
  const stored = storedDivisionTrees(events.map((e) => ({ position: e.position, occurredOn: e.metadata.occurredOn, type: e.type, data: e.data })));
  if (E.isLeft(stored)) return [damagedTree('invalid-event', stored.left, events)];
  const { trees } = stored.right;
  const whole = divisionHistory(trees);
  // A tree that is no tree names its position; a clash between trees (every division ever recorded) is the later
  // tree's, which the decision below names with the rule it breaks.
  const noTree = E.isLeft(whole) && whole.left.some((f) => /^position \d+:/.test(f.path));
  const anomalies: LogFinding[] = E.isLeft(whole) && noTree ? [damagedTree('rejected', whole.left, events)] : [];
  const named = new Set(anomalies.map((a) => a.position));
  for (let k = 1; k < trees.length; k++) {
    const tree = trees[k] as (typeof trees)[number];
    if (named.has(tree.position)) continue;
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
