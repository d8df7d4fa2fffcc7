import { compareRowValues } from '@hearth/projections';
import { DifferenceList } from './difference-list';

/**
 * Compares one table's two copies, each given in the order compareRowValues sorts rows
 * (ReadModelView.orderedRows), by merging them: a row in the table that a rebuild from
 * the log does not write, or one the rebuild writes and the table lacks, is a difference;
 * a row repeated counts once, as in a set. Holds one row of each side at a time.
 * Returns how many rows the table holds; the differences go to `out`, the table's extra
 * rows before its missing ones.
 */
export const compareTable = (table: string, actual: Iterator<Record<string, unknown>>, rebuilt: Iterator<Record<string, unknown>>, out: DifferenceList, limit: number): number => {
  const extra = new DifferenceList(limit);
  const missing = new DifferenceList(limit);
  let rows = 0;
  const next = (side: Iterator<Record<string, unknown>>, previous: unknown[] | undefined, counting: boolean): { row: Record<string, unknown>; values: unknown[] } | undefined => {
    for (;;) {
      const r = side.next();
      if (r.done) return undefined;
      if (counting) rows++;
      const values = Object.values(r.value);
      if (previous === undefined || compareRowValues(previous, values) !== 0) return { row: r.value, values };
    }
  };
  let a = next(actual, undefined, true);
  let b = next(rebuilt, undefined, false);
  while (a !== undefined || b !== undefined) {
    const order = a === undefined ? 1 : b === undefined ? -1 : compareRowValues(a.values, b.values);
    if (order < 0 && a !== undefined) {
      extra.add({ kind: 'row', where: table, detail: `in the table, not in a rebuild from the log: ${JSON.stringify(a.row)}` });
      a = next(actual, a.values, true);
    } else if (order > 0 && b !== undefined) {
      missing.add({ kind: 'row', where: table, detail: `written by a rebuild from the log, missing from the table: ${JSON.stringify(b.row)}` });
      b = next(rebuilt, b.values, false);
    } else if (a !== undefined && b !== undefined) {
      a = next(actual, a.values, true);
      b = next(rebuilt, b.values, false);
    }
  }
  out.addAll(extra);
  out.addAll(missing);
  return rows;
};
