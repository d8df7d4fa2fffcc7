import type { CommandTrace } from './state';

/** Entries a chunk holds before it is sealed: bounds what one insertion copies. */
const CHUNK = 32;

/**
 * commandId → CommandTrace, first writer wins, immutable. A Map copied on every insert
 * makes folding a stream quadratic; here an insert copies at most one chunk of CHUNK
 * entries and shares the sealed ones, so a fold stays linear and every earlier state
 * stays valid (the command handlers keep them). The shape depends only on the ids
 * inserted and their order, so two folds of the same events are structurally equal.
 */
export class CommandIndex {
  static readonly empty = new CommandIndex(new Map(), undefined, 0);

  private constructor(
    /** The newest entries, fewer than CHUNK. */
    readonly recent: ReadonlyMap<string, CommandTrace>,
    /** The sealed chunks, newest first. */
    readonly sealed: SealedChunk | undefined,
    readonly size: number,
  ) {}

  get(commandId: string): CommandTrace | undefined {
    const hit = this.recent.get(commandId);
    if (hit !== undefined) return hit;
    for (let c = this.sealed; c !== undefined; c = c.older) {
      const v = c.entries.get(commandId);
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
    if (this.recent.size < CHUNK) return new CommandIndex(new Map(this.recent).set(commandId, trace), this.sealed, this.size + 1);
    return new CommandIndex(new Map([[commandId, trace]]), { entries: this.recent, older: this.sealed }, this.size + 1);
  }
}

interface SealedChunk {
  readonly entries: ReadonlyMap<string, CommandTrace>;
  readonly older: SealedChunk | undefined;
}
