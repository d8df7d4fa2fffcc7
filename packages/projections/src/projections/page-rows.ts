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

/**
 * Deltas summed per field of a row over a page, for a table keyed by two parts (the
 * counter tables: a key or month, then a village). Each row's deltas go to `write` once at
 * the page's end, in key order; a row whose deltas all cancel out is left as it is stored.
 */
export class PageDeltas<F> {
  private readonly rows = new PageRows(() => new Map<F, number>());

  /** Adds `n` to `field` of the row (`first`, `second`), held back until `flush`. */
  add(first: string | number, second: string, field: F, n: number): void {
    const deltas = this.rows.row(`${first}\u0000${second}`);
    deltas.set(field, (deltas.get(field) ?? 0) + n);
  }

  /** Hands every row's summed deltas to `write` (its key's two parts as text), in key order, and forgets them. */
  flush(write: (first: string, second: string, deltas: ReadonlyMap<F, number>) => void): void {
    this.rows.flush((row, deltas) => {
      if ([...deltas.values()].every((n) => n === 0)) return;
      const cut = row.indexOf('\u0000');
      write(row.slice(0, cut), row.slice(cut + 1), deltas);
    });
  }

  /** Forgets the deltas held, unwritten. */
  discard(): void {
    this.rows.discard();
  }
}
