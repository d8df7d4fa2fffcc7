import type Database from 'better-sqlite3';
import { RollUpTree, storedRollUpTree } from './roll-up-tree';
import { seriesWriter } from './series-table';
import { fromBlob, isZero, Series, sumOf, toBlob } from './village-series';

/** DDL of the per-division sums and of the tree they are kept under (one row). */
export const divisionSumsSchema = `
    CREATE TABLE IF NOT EXISTS agg_rollup_tree (
      fingerprint TEXT PRIMARY KEY,
      tree TEXT NOT NULL
    ) WITHOUT ROWID;`;

export interface DivisionSums {
  /**
   * Starts a page: reads which tree the stored sums are kept under. When the writer's own
   * tree extends it (or none is stored), the page ends by recomputing the sums under the
   * writer's tree (`flush`) and the page's deltas are not added one by one.
   */
  begin(): void;
  /** A village's counter moved by `delta` from `month` on: added to each division above it in the stored tree, held back until `flush`. */
  add(village: string, key: string, month: number, delta: number): void;
  /** Writes the page's sums: each touched row once, or every row recomputed from the village rows (written before this call). */
  flush(): void;
  discard(): void;
  /** Whether the writer's tree extends the stored one, so that `settle` would move the sums to it. */
  behind(): boolean;
  /** Outside any page: recomputes every sum under the writer's tree when it extends the stored one (`behind`). */
  settle(): void;
}

/**
 * `agg_division_series`: for every division of the tree stored in `agg_rollup_tree`, the
 * sum of the series of every village strictly below it (a report adds the division's own
 * village row, if it has households of its own). Kept from the same per-household
 * differences as the village rows, in the same page, so the sums are the village rows
 * rolled up under that tree by construction. The tree is the one the process was opened
 * with (the ledger's every-division-ever-recorded, which only grows: a code keeps its
 * place for ever): a writer whose tree extends the stored one recomputes every sum from
 * the village rows under its tree in its page's transaction and stores its tree; any other
 * writer (no tree, the same, an older or an unrelated tree) keeps the sums under the stored
 * tree. So the sums always equal the village rows rolled up under the stored tree, and the
 * tree only moves forward (docs/decisions/0079).
 */
export const divisionSums = (db: Database.Database, own: RollUpTree | undefined): DivisionSums => {
  const stamp = db.prepare<[], string>('SELECT fingerprint FROM agg_rollup_tree').pluck();
  const storedText = db.prepare<[string], string>('SELECT tree FROM agg_rollup_tree WHERE fingerprint = ?').pluck();
  const sums = seriesWriter(db, 'agg_division_series', 'division');
  const villageRows = db.prepare<[], [string, string, number, number, Buffer]>('SELECT key, village, initial, base, series FROM agg_village_series').raw();
  const write = db.prepare('INSERT INTO agg_division_series (key, division, initial, base, series) VALUES (?, ?, ?, ?, ?)');
  const dropAll = db.prepare('DELETE FROM agg_division_series');
  const forgetTree = db.prepare('DELETE FROM agg_rollup_tree');
  const storeTree = db.prepare('INSERT INTO agg_rollup_tree (fingerprint, tree) VALUES (?, ?)');
  // The stored tree as last read, and whether the writer's tree extends it: re-checked against the stamp every page.
  let known: { tree: RollUpTree; extended: boolean } | undefined;
  let under: RollUpTree | undefined;
  let recompute = false;

  const recomputeUnder = (tree: RollUpTree): void => {
    const rows = new Map<string, { initial: number; series: Series[] }>();
    for (const [key, village, initial, base, blob] of villageRows.iterate()) {
      const s = blob.byteLength > 0 ? fromBlob(base, blob) : undefined;
      for (const division of tree.ancestors(village)) {
        const k = `${division}\u0000${key}`;
        let row = rows.get(k);
        if (row === undefined) rows.set(k, (row = { initial: 0, series: [] }));
        row.initial += initial;
        if (s) row.series.push(s);
      }
    }
    dropAll.run();
    for (const k of [...rows.keys()].sort()) {
      const { initial, series } = rows.get(k) as { initial: number; series: Series[] };
      const [division, key] = k.split('\u0000') as [string, string];
      const sum = sumOf(series);
      if (initial !== 0 || !isZero(sum)) write.run(key, division, initial, isZero(sum) ? 0 : sum.base, toBlob(sum));
    }
    forgetTree.run();
    storeTree.run(tree.fingerprint, tree.text);
  };

  return {
    begin: () => {
      const fingerprint = stamp.get();
      recompute = false;
      under = undefined;
      if (fingerprint === undefined) {
        recompute = own !== undefined;
        return;
      }
      if (own !== undefined && fingerprint === own.fingerprint) {
        under = own;
        return;
      }
      if (known?.tree.fingerprint !== fingerprint) {
        const tree = storedRollUpTree(storedText.get(fingerprint) as string);
        known = { tree, extended: own !== undefined && own.extends(tree) };
      }
      under = known.tree;
      recompute = known.extended;
    },
    add: (village, key, month, delta) => {
      if (recompute || under === undefined) return;
      for (const division of under.ancestors(village)) sums.add(division, key, month, delta);
    },
    flush: () => {
      if (recompute && own !== undefined) recomputeUnder(own);
      else sums.flush();
      recompute = false;
      under = undefined;
    },
    discard: () => {
      sums.discard();
      recompute = false;
      under = undefined;
    },
    behind: () => {
      const fingerprint = stamp.get();
      if (own === undefined || fingerprint === undefined || fingerprint === own.fingerprint) return false;
      return own.extends(storedRollUpTree(storedText.get(fingerprint) as string));
    },
    settle() {
      if (this.behind() && own !== undefined) recomputeUnder(own);
    },
  };
};
