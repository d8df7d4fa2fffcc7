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

  /** The change held for the row `key` (from `none` if there is none yet), for a change kept in a holder updated in place. */
  row(key: string): C {
    let held = this.pending.get(key);
    if (held === undefined) this.pending.set(key, (held = this.none()));
    return held;
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
