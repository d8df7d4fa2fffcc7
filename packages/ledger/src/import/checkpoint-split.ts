import type { DomainError, HouseholdCommand } from '@hearth/domain';
import type { AppendOverLimit, BatchDecision } from '@hearth/event-store';
import type { RejectedLine } from './rejected-line';

/** A line of the file that parsed: decided by the batch handler. */
export interface PendingLine {
  readonly line: number;
  readonly command: HouseholdCommand;
}

/** Lines written together with one import checkpoint, which records `throughLine`. */
export interface BatchPart {
  /**
   * Rejections of earlier lines that no checkpoint keeps yet (a batch that lost its races to
   * another writer wrote none: decision 20), kept by this part's checkpoint. Lines of their own
   * when the part is cut, before every line of it: each is kept once, and measured once.
   */
  readonly carried: readonly RejectedLine[];
  readonly pending: readonly PendingLine[];
  /** Its lines that did not parse: rejected before anything is decided. */
  readonly unparsed: readonly RejectedLine[];
  readonly throughLine: number;
}

/**
 * Thrown by the importer's own `alsoAppend` when a part's checkpoint is over the store's
 * append limit (docs/decisions/0152). `alsoAppend` is built before the batch handler writes
 * anything, and the handler keeps nothing of an attempt that throws (no overlay reaches its
 * cache), so the part can be written again in smaller parts. `decided` tells where to cut.
 */
export class CheckpointOverLimit extends Error {
  constructor(
    readonly refusal: AppendOverLimit,
    readonly decided: readonly BatchDecision<DomainError>[],
  ) {
    super(`the import checkpoint is ${refusal.size} bytes, over the store's append limit of ${refusal.limit} bytes`);
    this.name = 'CheckpointOverLimit';
  }
}

/** A line of a part in file order, and what its checkpoint keeps of it. */
interface Entry {
  readonly line: number;
  readonly carried?: RejectedLine;
  readonly pending?: PendingLine;
  readonly unparsed?: RejectedLine;
  readonly kept: readonly RejectedLine[];
}

const entriesOf = (part: BatchPart, rejections: (index: number) => readonly RejectedLine[]): Entry[] =>
  [
    ...part.carried.map((c): Entry => ({ line: c.line, carried: c, kept: [c] })),
    ...part.pending.map((p, i): Entry => ({ line: p.line, pending: p, kept: rejections(i) })),
    ...part.unparsed.map((u): Entry => ({ line: u.line, unparsed: u, kept: [u] })),
  ].sort((a, b) => a.line - b.line);

const partOf = (entries: readonly Entry[], throughLine: number): BatchPart => ({
  carried: entries.flatMap((e) => (e.carried ? [e.carried] : [])),
  pending: entries.flatMap((e) => (e.pending ? [e.pending] : [])),
  unparsed: entries.flatMap((e) => (e.unparsed ? [e.unparsed] : [])),
  throughLine,
});

/** The first line a part's checkpoint keeps or decides: for a part no cut makes fit, the one line it holds. */
export const firstLineOf = (part: BatchPart): number | undefined => entriesOf(part, () => [])[0]?.line;

/**
 * A part whose checkpoint was over the limit, cut into consecutive parts whose checkpoints
 * fit, each as long as `fits` allows (a checkpoint only grows with its lines, so a binary
 * search finds the cut). `rejections(i)`: what the checkpoint keeps of pending line i, as the
 * refused attempt decided it; a prefix of the lines decided again is decided the same, and
 * each part is measured again when it is written. Every part has fewer lines than `part`, so
 * cutting again ends; a line no checkpoint fits is a part of its own, for the caller to
 * refuse. A carried rejection is such a line too: a part of carried rejections alone records
 * through the last of them. Undefined for a part of fewer than two lines: it cannot be cut.
 */
export const cutPart = (
  part: BatchPart,
  rejections: (index: number) => readonly RejectedLine[],
  fits: (throughLine: number, kept: readonly RejectedLine[]) => boolean,
): BatchPart[] | undefined => {
  const entries = entriesOf(part, rejections);
  if (entries.length < 2) return undefined;
  const throughLineAt = (end: number): number => (end === entries.length ? part.throughLine : (entries[end - 1] as Entry).line);
  const keptOf = (start: number, end: number): RejectedLine[] => entries.slice(start, end).flatMap((e) => e.kept);
  const parts: BatchPart[] = [];
  let start = 0;
  while (start < entries.length) {
    // The longest run from `start` that fits: at least one line, at most all but one of the part's.
    let low = start + 1;
    let high = start === 0 ? entries.length - 1 : entries.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (fits(throughLineAt(mid), keptOf(start, mid))) low = mid;
      else high = mid - 1;
    }
    parts.push(partOf(entries.slice(start, low), throughLineAt(low)));
    start = low;
  }
  return parts;
};
