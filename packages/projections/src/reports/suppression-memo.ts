import { createHash } from 'node:crypto';
import type { ContributingHouseholds } from './contributing-households';
import { LruCache } from '@hearth/event-store';
import type { SuppressedRow } from './suppress';
import type { ClearanceYearHouseholds } from './clearance-households';
import { suppressClearanceYear, type ClearanceYear } from './suppress-clearance-year';
import type { ParentOf } from './suppress-relations';
import { suppressSubtree, type SubtreeReport } from './suppress-report';

type Division = { readonly division: string };

/**
 * Calls whose inputs are kept to be known again by identity: a dashboard's cuts of one
 * clearance year and one month's progress and backlog. Each holds its tables alive (a
 * clearance year at the full region is ~10,000 rows in each of thirteen tables).
 */
const HASHED_KEPT = 4;

/**
 * Choosing the cells to suppress over a whole region's tree costs seconds (thirteen tables
 * of every division for a clearance year), and a dashboard asks for many cuts of the same
 * tables. Suppression is a pure function of the tables' rows, each division's parent and the
 * threshold, so an answer worked out for exactly those inputs is reused: the key is a
 * SHA-256 of all of them, and any change to a figure, a parent or the threshold is another
 * key. Never stale, only bounded.
 *
 * Hashing every row of thirteen whole-tree tables is itself a cost (~90 ms at 2,080
 * divisions): when a call passes the very table objects and `parentOf` function a recent
 * call passed (the read side hands out the same tables while the read models stand at one
 * position, and a caller keeps one `parentOf` a tree), the key that call hashed is taken
 * again. The objects are the same, so their rows are: callers never change a table.
 */
export class SuppressionMemo {
  private readonly done: LruCache<string, unknown>;
  /** The inputs of the latest calls, by identity, and the keys they hashed to (at most HASHED_KEPT, the latest first). */
  private readonly hashed: {
    readonly kind: string; readonly tables: readonly object[]; readonly parentOf: ParentOf; readonly suppressBelow: number;
    readonly households: readonly (ContributingHouseholds | undefined)[]; readonly key: string;
  }[] = [];
  private hits = 0;

  constructor(capacity = 16) {
    this.done = new LruCache(capacity);
  }

  /** How many answers came from the memo (for tests and logs). */
  get reused(): number {
    return this.hits;
  }

  /** `suppressClearanceYear`; the households behind its event counts, when given, are part of the key as in `subtree`. */
  clearanceYear<A extends Division, M extends Division>(
    year: ClearanceYear<A, M>, parentOf: ParentOf, suppressBelow: number, households?: ClearanceYearHouseholds,
  ): ClearanceYear<SuppressedRow<A>, SuppressedRow<M>> {
    const behind = households === undefined ? [] : [households.annual, ...households.months];
    return this.memo(this.keyOf('clearance-year', [year.annual, ...year.months], parentOf, suppressBelow, behind), () => suppressClearanceYear(year, parentOf, suppressBelow, households));
  }

  /** `suppressSubtree`; `households`, the households behind each count (decision 186), are part of the key: equal figures from fewer households are another answer. */
  subtree<R extends Division>(subtree: SubtreeReport<R>, parentOf: ParentOf, suppressBelow: number, households?: ContributingHouseholds): SubtreeReport<SuppressedRow<R>> {
    return this.memo(this.keyOf('subtree', [subtree], parentOf, suppressBelow, [households]), () => suppressSubtree(subtree, parentOf, suppressBelow, households));
  }

  /** The key of these inputs: the one hashed for the same objects lately, else hashed now. */
  private keyOf(
    kind: string, tables: readonly SubtreeReport<Division>[], parentOf: ParentOf, suppressBelow: number, households: readonly (ContributingHouseholds | undefined)[],
  ): string {
    const same = this.hashed.find(
      (h) => h.kind === kind && h.parentOf === parentOf && h.suppressBelow === suppressBelow
        && h.households.length === households.length && h.households.every((x, i) => x === households[i])
        && h.tables.length === tables.length && h.tables.every((t, i) => t === tables[i]),
    );
    if (same !== undefined) return same.key;
    const key = hashOf(kind, tables, parentOf, suppressBelow, households);
    this.hashed.unshift({ kind, tables, parentOf, suppressBelow, households, key });
    if (this.hashed.length > HASHED_KEPT) this.hashed.pop();
    return key;
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

const hashOf = (
  kind: string, tables: readonly SubtreeReport<Division>[], parentOf: ParentOf, suppressBelow: number, households: readonly (ContributingHouseholds | undefined)[],
): string => {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([kind, suppressBelow, tables.length]));
  // A table's rows as one text: a hash update and a stringify a row cost ~1.7× as much over a year's thirteen tables.
  for (const table of tables) hash.update(`\n${JSON.stringify([table.division, table.rows.map((row) => [parentOf(row.division) ?? null, row])])}`);
  // Each table's in the order of its rows, which is the table's own: the same households are the same text.
  households.forEach((behind, i) => {
    if (behind !== undefined) hash.update(`\nhouseholds ${i} ${JSON.stringify((tables[i]?.rows ?? []).map((row) => behind.get(row.division) ?? null))}`);
  });
  return hash.digest('hex');
};
