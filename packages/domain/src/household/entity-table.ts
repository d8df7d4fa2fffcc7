/**
 * One of a household state's collections keyed by id (its members, trainings, referrals,
 * employments, visits, survey prints, an employment's incomes), read as a ReadonlyMap:
 * entries in the order their ids first came, a `set` of an id already there replacing its
 * value in place, as a Map does.
 *
 * Two arrays, ids and values, where the state had a Map: a household holds a few of each
 * (a dozen visits at most in the reference region), and the fold copies the collection an
 * event changes (state-draft.ts; earlier states stay valid), ~one per command. A Map's
 * copy was a hash table of twice the entries' room grown step by step (the steps left
 * behind as garbage), ~250–500 bytes a copy; two arrays of n references are 32 + 16·n.
 * A lookup walks the ids (`indexOf`, at most a few dozen short strings), which costs no
 * more than a Map's for so few. (docs/decisions/0093-entity-tables-and-a-state-in-parts.md)
 *
 * Immutable to its readers; `EntityTable.draft` and `EntityTable.setIn` are for the one
 * writer that owns a copy (StateDraft, evolve.ts), before it hands the state out.
 */
export class EntityTable<V> implements ReadonlyMap<string, V> {
  private constructor(
    private readonly ids: string[],
    private readonly items: V[],
  ) {}

  private static readonly none = new EntityTable<never>([], []);

  static empty<V>(): EntityTable<V> {
    return EntityTable.none;
  }

  /** A table of these entries, later ones replacing earlier ones with the same id. */
  static of<V>(entries: Iterable<readonly [string, V]>): EntityTable<V> {
    const t = new EntityTable<V>([], []);
    for (const [id, v] of entries) EntityTable.setIn(t, id, v);
    return t;
  }

  /** A copy of `t` that nobody else holds, for its owner to write with `setIn` before handing it out. */
  static draft<V>(t: EntityTable<V>): EntityTable<V> {
    return new EntityTable(t.ids.slice(), t.items.slice());
  }

  /** Writes `id` → `v` into a table from `draft` or `of` (never one a state already handed out holds). */
  static setIn<V>(t: EntityTable<V>, id: string, v: V): void {
    const i = t.ids.indexOf(id);
    if (i >= 0) t.items[i] = v;
    else {
      t.ids.push(id);
      t.items.push(v);
    }
  }

  /** The table with `id` → `v`: a copy; this one is unchanged. */
  with(id: string, v: V): EntityTable<V> {
    const t = EntityTable.draft(this);
    EntityTable.setIn(t, id, v);
    return t;
  }

  get size(): number {
    return this.ids.length;
  }

  get(id: string): V | undefined {
    const i = this.ids.indexOf(id);
    return i < 0 ? undefined : this.items[i];
  }

  has(id: string): boolean {
    return this.ids.indexOf(id) >= 0;
  }

  forEach(f: (value: V, id: string, table: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.ids.length; i++) f.call(thisArg, this.items[i] as V, this.ids[i] as string, this);
  }

  keys(): MapIterator<string> {
    return this.ids.values();
  }

  values(): MapIterator<V> {
    return this.items.values();
  }

  entries(): MapIterator<[string, V]> {
    return this.ids.map((id, i): [string, V] => [id, this.items[i] as V]).values();
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}
