import { createHash } from 'node:crypto';
import { LruCache } from '@hearth/event-store';
import type { SuppressedRow } from './suppress';
import { suppressClearanceYear, type ClearanceYear } from './suppress-clearance-year';
import type { ParentOf } from './suppress-relations';
import { suppressSubtree, type SubtreeReport } from './suppress-report';

type Division = { readonly division: string };

/**
 * Choosing the cells to suppress over a whole region's tree costs seconds (thirteen tables
 * of every division for a clearance year), and a dashboard asks for many cuts of the same
 * tables. Suppression is a pure function of the tables' rows, each division's parent and the
 * threshold, so an answer worked out for exactly those inputs is reused: the key is a
 * SHA-256 of all of them, and any change to a figure, a parent or the threshold is another
 * key. Never stale, only bounded.
 */
export class SuppressionMemo {
  private readonly done: LruCache<string, unknown>;
  private hits = 0;

  constructor(capacity = 16) {
    this.done = new LruCache(capacity);
  }

  /** How many answers came from the memo (for tests and logs). */
  get reused(): number {
    return this.hits;
  }

  clearanceYear<A extends Division, M extends Division>(
    year: ClearanceYear<A, M>, parentOf: ParentOf, suppressBelow: number,
  ): ClearanceYear<SuppressedRow<A>, SuppressedRow<M>> {
    return this.memo(keyOf('clearance-year', [year.annual, ...year.months], parentOf, suppressBelow), () => suppressClearanceYear(year, parentOf, suppressBelow));
  }

  subtree<R extends Division>(subtree: SubtreeReport<R>, parentOf: ParentOf, suppressBelow: number): SubtreeReport<SuppressedRow<R>> {
    return this.memo(keyOf('subtree', [subtree], parentOf, suppressBelow), () => suppressSubtree(subtree, parentOf, suppressBelow));
  }

  private memo<T>(key: string, work: () => T): T {
    const known = this.done.get(key);
    if (known !== undefined) {
      this.hits += 1;
      return known as T;
    }
    const answer = work();
    this.done.set(key, answer);
    return answer;
  }
}

const keyOf = (kind: string, tables: readonly SubtreeReport<Division>[], parentOf: ParentOf, suppressBelow: number): string => {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([kind, suppressBelow, tables.length]));
  for (const table of tables) {
    hash.update(`\n${JSON.stringify([table.division, table.rows.length])}`);
    for (const row of table.rows) hash.update(`\n${JSON.stringify([parentOf(row.division) ?? null, row])}`);
  }
  return hash.digest('hex');
};
