import type { StateCodec } from './state-codec';
import type { StreamFold } from './stream-fold';

/** A fold kept as bytes: its state encoded, its version and chain tip as they were. */
interface EncodedFold {
  readonly bytes: Uint8Array;
  readonly version: number;
  readonly lastHash: string;
}

/**
 * What one entry costs besides its bytes, roughly: the Map's slot, the entry object, the
 * buffer's header, the key and the hash's string. Counted so that a budget bounds memory
 * even for states of a few hundred bytes.
 */
const ENTRY_OVERHEAD_BYTES = 320;

const costOf = (streamId: string, e: EncodedFold): number => e.bytes.byteLength + streamId.length + e.lastHash.length + ENTRY_OVERHEAD_BYTES;

/**
 * The second tier of the command handlers' cache of folded streams: folds the first tier
 * evicted, kept as bytes (a StateCodec) up to `budgetBytes`, least recently used leaving
 * first. Bytes are a leaf to the garbage collector, and a few KiB where the decoded
 * state is ~12 KB of objects it traces, so many more households fit in the same memory;
 * a miss here is a decode instead of reading and folding the stream
 * (docs/decisions/0107-encoded-household-states.md). Like the first tier, every entry is
 * a prefix of what the store holds: it comes from there, with its version.
 */
export class EncodedFolds<State> {
  private readonly entries = new Map<string, EncodedFold>();
  private bytes = 0;

  constructor(
    private readonly codec: StateCodec<State>,
    readonly budgetBytes: number,
  ) {
    if (!Number.isInteger(budgetBytes) || budgetBytes < 1) throw new RangeError(`budgetBytes must be a positive integer, got ${budgetBytes}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held, by the same count the budget bounds. */
  get usedBytes(): number {
    return this.bytes;
  }

  /** Keeps `fold` encoded, replacing what was kept of its stream; then drops the oldest entries beyond the budget. */
  keep(streamId: string, fold: StreamFold<State>): void {
    this.delete(streamId);
    const entry: EncodedFold = { bytes: this.codec.encode(fold.state), version: fold.version, lastHash: fold.lastHash };
    const cost = costOf(streamId, entry);
    if (cost > this.budgetBytes) return;
    this.entries.set(streamId, entry);
    this.bytes += cost;
    for (const [oldest, e] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.bytes -= costOf(oldest, e);
    }
  }

  /**
   * The kept fold of the stream, decoded; it stays kept (and becomes the most recently
   * used) until a later fold of the stream replaces it or the stream is forgotten: a
   * command that changes nothing leaves it as it was.
   */
  get(streamId: string): StreamFold<State> | undefined {
    const e = this.entries.get(streamId);
    if (e === undefined) return undefined;
    this.entries.delete(streamId);
    this.entries.set(streamId, e);
    return { state: this.codec.decode(e.bytes), version: e.version, lastHash: e.lastHash };
  }

  /** The version of the kept fold of the stream, without decoding it; -1 when none is kept. */
  versionOf(streamId: string): number {
    return this.entries.get(streamId)?.version ?? -1;
  }

  delete(streamId: string): void {
    const e = this.entries.get(streamId);
    if (e === undefined) return;
    this.entries.delete(streamId);
    this.bytes -= costOf(streamId, e);
  }
}
