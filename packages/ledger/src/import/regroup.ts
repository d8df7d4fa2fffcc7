import { once } from 'node:events';
import { Writable } from 'node:stream';
import { KeyedLines } from '@hearth/keyed-lines';
import { fileChunks, READ_CHUNK_BYTES } from './file-chunks';
import { isPlaced, placeLine } from './placed-line';
import { MAX_LINE_BYTES } from './read-line-command';
import { readLines } from './read-lines';

/** Households a part holds: ~50 MB of lines at the simulator's ~35 commands of ~360 bytes a household. */
export const REGROUP_HOUSEHOLDS_PER_PART = 4096;

export interface RegroupOptions {
  /** The import file (a path: it is read once, and a line's number is its place in it). */
  readonly source: string;
  readonly out: Writable;
  /** Where a directory of its own holds the parts until the output is written; removed after, also on failure. */
  readonly scratchDir: string;
  readonly householdsPerPart?: number;
  readonly onProgress?: (p: RegroupProgress) => void;
}

export type RegroupProgress =
  | { readonly phase: 'read'; readonly lines: number; readonly households: number }
  | { readonly phase: 'write'; readonly part: number; readonly parts: number; readonly written: number };

/** A line of the source that is not written: `hearth import` rejects it wherever it stands. */
export interface LeftOutLine {
  readonly line: number;
  readonly reason: string;
}

export interface RegroupSummary {
  /** Lines of the source that are not blank. */
  readonly lines: number;
  readonly households: number;
  /** Lines written, household after household. */
  readonly written: number;
  /** Written lines given the commandId the import would have derived at their place in the source. */
  readonly commandIdsAdded: number;
  readonly leftOut: readonly LeftOutLine[];
}

/** Lines read between two progress reports. */
const PROGRESS_LINES = 1_000_000;

/**
 * Writes an import file again household by household: the households in the order they
 * first appear in it, each one's lines in the order they stand in it
 * (docs/decisions/0108). Importing the result appends, stream for stream, the events
 * importing the source appends, and far faster when the source interleaves households
 * (a log in date order): no household state has to be kept or read again between its
 * commands. What no household's command depends on is left as it was: commands name
 * one household each, and the division tree is loaded apart from the commands.
 *
 * Memory is bounded by one part (`householdsPerPart` households' lines) and the map of
 * household ids: the lines go first to scratch files, one a part, which are then read,
 * sorted and written out one at a time, as bytes (@hearth/keyed-lines).
 */
export const regroupCommands = async (opts: RegroupOptions): Promise<RegroupSummary> =>
  KeyedLines.within(opts.scratchDir, 'hearth-regroup-', opts.householdsPerPart ?? REGROUP_HOUSEHOLDS_PER_PART, async (parts) => {
    // A household's key is its number in order of first appearance.
    const households = new Map<string, number>();
    const leftOut: LeftOutLine[] = [];
    let lines = 0;
    let commandIdsAdded = 0;
    for await (const group of readLines(fileChunks(opts.source, READ_CHUNK_BYTES), MAX_LINE_BYTES)) {
      for (const { number, text, tooLongBytes, invalidUtf8 } of group) {
        if (tooLongBytes !== undefined) {
          lines++;
          leftOut.push({ line: number, reason: `${tooLongBytes} bytes long; a command is at most ${MAX_LINE_BYTES}` });
          continue;
        }
        if (text.trim() === '') continue;
        lines++;
        if (lines % PROGRESS_LINES === 0) opts.onProgress?.({ phase: 'read', lines, households: households.size });
        if (invalidUtf8) {
          leftOut.push({ line: number, reason: 'not valid UTF-8 text' });
          continue;
        }
        const placed = placeLine(text, number);
        if (!isPlaced(placed)) {
          leftOut.push({ line: number, reason: placed.reason });
          continue;
        }
        let household = households.get(placed.householdId);
        if (household === undefined) households.set(placed.householdId, (household = households.size));
        if (placed.idAdded) commandIdsAdded++;
        parts.add(household, placed.text);
        if (parts.full) await parts.spill();
      }
    }
    await parts.spill();
    opts.onProgress?.({ phase: 'read', lines, households: households.size });

    let written = 0;
    const write = async (chunk: Buffer): Promise<void> => {
      if (!opts.out.write(chunk)) await once(opts.out, 'drain');
    };
    const all = parts.parts();
    for (const [i, part] of all.entries()) {
      written += await parts.writeSorted(part, write);
      opts.onProgress?.({ phase: 'write', part: i + 1, parts: all.length, written });
    }
    return { lines, households: households.size, written, commandIdsAdded, leftOut };
  });
