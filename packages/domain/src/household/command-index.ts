import type { CommandTrace } from './state';

/** Entries a chunk holds before it is sealed: bounds what one insertion copies. */
const CHUNK = 32;

/**
 * commandId → CommandTrace, first writer wins, immutable. A Map copied on every insert
 * makes folding a stream quadratic; here an insert copies at most CHUNK entries, and a
 * full chunk is merged with the sealed levels like a binary counter (levels of CHUNK,
 * 2·CHUNK, 4·CHUNK … entries), so an insert costs O(log n) amortised, a lookup reads
 * O(log n) maps, and every earlier index stays valid (the command handlers keep earlier
 * states). The shape depends only on how many ids were inserted and in which order, so
 * two folds of the same events are structurally equal.
 */
export class CommandIndex {
  static readonly empty = new CommandIndex(new Map(), [], 0);

  private constructor(
    /** The newest entries, at most CHUNK. */
    readonly recent: ReadonlyMap<string, CommandTrace>,
    /** Sealed levels, smallest (newest) first; their sizes are distinct multiples of CHUNK. */
    readonly levels: readonly ReadonlyMap<string, CommandTrace>[],
    readonly size: number,
  ) {}

  get(commandId: string): CommandTrace | undefined {
    const hit = this.recent.get(commandId);
    if (hit !== undefined) return hit;
    for (const level of this.levels) {
      const v = level.get(commandId);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  has(commandId: string): boolean {
    return this.get(commandId) !== undefined;
  }

  /** The index with `commandId` added, or this one if the id is already there (the first command keeps it). */
  with(commandId: string, trace: CommandTrace): CommandIndex {
    if (this.has(commandId)) return this;
    if (this.recent.size < CHUNK) return new CommandIndex(new Map(this.recent).set(commandId, trace), this.levels, this.size + 1);
    const levels = [...this.levels];
    let carry = this.recent;
    while (levels.length > 0 && (levels[0] as ReadonlyMap<string, CommandTrace>).size === carry.size)
      carry = new Map([...(levels.shift() as ReadonlyMap<string, CommandTrace>), ...carry]);
    return new CommandIndex(new Map([[commandId, trace]]), [carry, ...levels], this.size + 1);
  }
}
