/**
 * Changes to the rows of a read-model table, gathered over a page of events and handed
 * out once a row at the page's end, in key order (the projections' `flush`, decision 69);
 * nothing is kept from one page to the next.
 */
export class PageRows<C> {
  private pending = new Map<string, C>();

  constructor(private readonly none: () => C) {}

  /** Folds one more change into the row `key`'s (starting from `none`). */
  change(key: string, update: (held: C) => C): void {
    this.pending.set(key, update(this.pending.get(key) ?? this.none()));
  }

  /** Hands every row's change to `write`, in key order, and forgets them. */
  flush(write: (key: string, change: C) => void): void {
    const rows = this.pending;
    this.pending = new Map();
    for (const key of [...rows.keys()].sort()) write(key, rows.get(key) as C);
  }

  /** Forgets the changes held, unwritten. */
  discard(): void {
    this.pending = new Map();
  }
}

/**
 * Deltas summed per field of a row over a page, for a table keyed by two parts (the
 * series tables: a key, then a village; the monthly progress rows keep their own,
 * village-progress-rows.ts, decision 96). Each row's deltas go to `write` once at
 * the page's end, in key order (the first part's text, then the second's); a row whose
 * deltas all cancel out is left as it is stored. The rows are held by first part, then
 * second, so that adding a delta builds no key (the counters add about a dozen deltas an
 * event).
 */
export class PageDeltas<F> {
  private rows = new Map<string, Map<string, Map<F, number>>>();

  /** Adds `n` to `field` of the row (`first`, `second`), held back until `flush`. */
  add(first: string | number, second: string, field: F, n: number): void {
    const key = String(first);
    let seconds = this.rows.get(key);
    if (seconds === undefined) this.rows.set(key, (seconds = new Map()));
    let deltas = seconds.get(second);
    if (deltas === undefined) seconds.set(second, (deltas = new Map()));
    deltas.set(field, (deltas.get(field) ?? 0) + n);
  }

  /**
   * Hands every row's summed deltas to `write` (its key's two parts as text), in key
   * order, and forgets them. `before`, when given, is told each first part once before
   * its rows, with how many of them `write` will be handed (at least one), so that a
   * writer may read their stored rows at once.
   */
  flush(write: (first: string, second: string, deltas: ReadonlyMap<F, number>) => void, before?: (first: string, rows: number) => void): void {
    const rows = this.rows;
    this.rows = new Map();
    for (const first of [...rows.keys()].sort()) {
      const seconds = rows.get(first) as Map<string, Map<F, number>>;
      const order: string[] = [];
      for (const second of [...seconds.keys()].sort()) if (!allZero(seconds.get(second) as Map<F, number>)) order.push(second);
      if (order.length === 0) continue;
      before?.(first, order.length);
      for (const second of order) write(first, second, seconds.get(second) as Map<F, number>);
    }
  }

  /** Forgets the deltas held, unwritten. */
  discard(): void {
    this.rows = new Map();
  }
}

const allZero = (deltas: ReadonlyMap<unknown, number>): boolean => {
  for (const n of deltas.values()) if (n !== 0) return false;
  return true;
};
