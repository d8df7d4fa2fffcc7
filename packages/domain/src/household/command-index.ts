import type { CommandTrace } from './command-trace';

/** Entries the newest part holds before it is sealed into a Map: bounds a lookup's walk. */
const CHUNK = 32;

/** The newest entries, newest first: an insert allocates one cell and copies nothing. */
interface Cell {
  readonly commandId: string;
  readonly trace: CommandTrace;
  readonly next: Cell | undefined;
}

/**
 * commandId → CommandTrace, first writer wins, immutable. A Map copied on every insert
 * makes folding a stream quadratic; here the newest entries (at most CHUNK) are a list
 * that an insert extends by one cell, a full list is sealed into a Map and merged with the
 * sealed levels like a binary counter (levels of CHUNK, 2·CHUNK, 4·CHUNK … entries), so an
 * insert costs O(log n) amortised, a lookup walks at most CHUNK cells and reads O(log n)
 * maps, and every earlier index stays valid (the command handlers keep earlier states).
 * The shape depends only on how many ids were inserted and in which order, so two folds of
 * the same events are structurally equal.
 */
export class CommandIndex {
  static readonly empty = new CommandIndex(undefined, 0, [], 0);

  private constructor(
    /** The newest entries, at most CHUNK, newest first. */
    readonly recent: Cell | undefined,
    readonly recentSize: number,
    /** Sealed levels, smallest (newest) first; their sizes are distinct multiples of CHUNK. */
    readonly levels: readonly ReadonlyMap<string, CommandTrace>[],
    readonly size: number,
  ) {}

  get(commandId: string): CommandTrace | undefined {
    // Every command asks for an id the list most often lacks, and ids of one stream mostly
    // differ in their last characters (a counter, or random): comparing the length and the
    // last character first spares a compare of the whole id for nearly every cell.
    const n = commandId.length;
    const last = commandId.charCodeAt(n - 1);
    for (let c = this.recent; c !== undefined; c = c.next) {
      const id = c.commandId;
      if (id.length === n && (n === 0 || id.charCodeAt(n - 1) === last) && id === commandId) return c.trace;
    }
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
    if (this.recentSize < CHUNK) return new CommandIndex({ commandId, trace, next: this.recent }, this.recentSize + 1, this.levels, this.size + 1);
    const levels = [...this.levels];
    let carry: ReadonlyMap<string, CommandTrace> = sealed(this.recent);
    while (levels.length > 0 && (levels[0] as ReadonlyMap<string, CommandTrace>).size === carry.size)
      carry = new Map([...(levels.shift() as ReadonlyMap<string, CommandTrace>), ...carry]);
    return new CommandIndex({ commandId, trace, next: undefined }, 1, [carry, ...levels], this.size + 1);
  }
}

/** The list as a Map in insertion order (oldest first). */
const sealed = (recent: Cell | undefined): ReadonlyMap<string, CommandTrace> => {
  const cells: Cell[] = [];
  for (let c = recent; c !== undefined; c = c.next) cells.push(c);
  const out = new Map<string, CommandTrace>();
  for (let i = cells.length - 1; i >= 0; i--) out.set((cells[i] as Cell).commandId, (cells[i] as Cell).trace);
  return out;
};
