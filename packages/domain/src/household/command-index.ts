import type { CommandTrace } from './command-trace';

/** Entries the newest part holds before it is sealed into a level: bounds a lookup's walk. */
const CHUNK = 32;

/** Between two ids of a sealed level; no commandId a command carries holds it (IdC), and an id that does is kept apart. */
const SEP = '\n';
const SEP_CODE = 10;

/**
 * A sealed level: its ids in insertion order (oldest first) in one flat string, each
 * between two SEP ("\nid1\nid2\n"), and their traces in the same order; an id that holds
 * SEP itself (never a command's: IdC refuses it, but a stored event's metadata is not
 * checked here) in `apart`. One string and one array, not a Map and a string an id: the
 * index is ~35 entries a household and every household the importer or the bench keeps
 * alive holds its own (docs/decisions/0090-a-command-index-of-one-string-a-level.md).
 */
interface Level {
  readonly ids: string;
  readonly traces: readonly CommandTrace[];
  readonly apart: ReadonlyMap<string, CommandTrace> | undefined;
  readonly size: number;
}

const NO_LEVELS: readonly Level[] = Object.freeze([]) as readonly Level[];

/**
 * commandId → CommandTrace, first writer wins, immutable. A Map copied on every insert
 * makes folding a stream quadratic; here each insert is one new index that is also a cell
 * of the list of the newest entries (at most CHUNK, newest first), so an insert allocates
 * one object and copies nothing. A full list is sealed into a level and merged with the
 * sealed levels like a binary counter (levels of CHUNK, 2·CHUNK, 4·CHUNK … entries), so an
 * insert costs O(log n) amortised, a lookup walks at most CHUNK cells and searches
 * O(log n) strings, and every earlier index stays valid (the command handlers keep earlier
 * states). The shape depends only on how many ids were inserted and in which order, so
 * two folds of the same events are structurally equal.
 */
export class CommandIndex {
  static readonly empty = new CommandIndex('', undefined, undefined, 0, NO_LEVELS, 0);

  private constructor(
    /** The newest entry (none in `empty`, whose trace is undefined). */
    private readonly commandId: string,
    private readonly trace: CommandTrace | undefined,
    /** The index before this entry, while it is one of the newest entries (undefined when they start here). */
    private readonly older: CommandIndex | undefined,
    /** How many of the newest entries, this one included, are in the list: at most CHUNK. */
    readonly recentSize: number,
    /** Sealed levels, smallest (newest) first; their sizes are distinct multiples of CHUNK. */
    readonly levels: readonly Level[],
    readonly size: number,
  ) {}

  get(commandId: string): CommandTrace | undefined {
    if (this.recentSize > 0) {
      if (this.commandId === commandId) return this.trace;
      for (let c = this.older; c !== undefined; c = c.older) if (c.commandId === commandId) return c.trace;
    }
    const levels = this.levels;
    if (levels.length === 0) return undefined;
    const plain = commandId.indexOf(SEP) < 0;
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i] as Level;
      const v = plain ? lookUp(level, commandId) : level.apart?.get(commandId);
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
    if (this.recentSize < CHUNK) return new CommandIndex(commandId, trace, this.recentSize > 0 ? this : undefined, this.recentSize + 1, this.levels, this.size + 1);
    const levels = [...this.levels];
    let carry = CommandIndex.sealed(this);
    while (levels.length > 0 && (levels[0] as Level).size === carry.size) carry = merged(levels.shift() as Level, carry);
    levels.unshift(carry);
    return new CommandIndex(commandId, trace, undefined, 1, levels, this.size + 1);
  }

  /** The newest entries of `newest` as a level, oldest first. */
  private static sealed(newest: CommandIndex): Level {
    const cells: CommandIndex[] = [];
    for (let c: CommandIndex | undefined = newest; c !== undefined; c = c.older) cells.push(c);
    const ids: string[] = [''];
    const traces: CommandTrace[] = [];
    let apart: Map<string, CommandTrace> | undefined;
    for (let i = cells.length - 1; i >= 0; i--) {
      const c = cells[i] as CommandIndex;
      if (c.commandId.indexOf(SEP) >= 0) (apart ??= new Map()).set(c.commandId, c.trace as CommandTrace);
      else {
        ids.push(c.commandId);
        traces.push(c.trace as CommandTrace);
      }
    }
    ids.push('');
    // join builds one flat string; `+` would build a tree of parts that a search flattens into a second copy.
    return { ids: ids.join(SEP), traces, apart, size: cells.length };
  }
}

/** The trace of `commandId`, which holds no SEP, in `level`, if it is there: an exact match between two SEP, its position counted in SEPs. */
const lookUp = (level: Level, commandId: string): CommandTrace | undefined => {
  const ids = level.ids;
  const n = commandId.length;
  // A match ends before the closing SEP; `indexOf('')` past the end answers the length, so this also ends the search for an empty id.
  for (let at = ids.indexOf(commandId, 1); at > 0 && at + n < ids.length; at = ids.indexOf(commandId, at + 1)) {
    if (ids.charCodeAt(at - 1) !== SEP_CODE || ids.charCodeAt(at + n) !== SEP_CODE) continue;
    let k = 0;
    for (let i = 1; i < at; i++) if (ids.charCodeAt(i) === SEP_CODE) k++;
    return level.traces[k];
  }
  return undefined;
};


/** Two levels as one, `older`'s entries first. */
const merged = (older: Level, newer: Level): Level => {
  let apart: Map<string, CommandTrace> | undefined;
  if (older.apart !== undefined || newer.apart !== undefined) {
    apart = new Map(older.apart);
    newer.apart?.forEach((v, k) => (apart as Map<string, CommandTrace>).set(k, v));
  }
  return { ids: [older.ids, newer.ids.substring(1)].join(''), traces: older.traces.concat(newer.traces), apart, size: older.size + newer.size };
};
