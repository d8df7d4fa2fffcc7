import { once } from 'node:events';
import { Writable } from 'node:stream';
import { KeyedLines } from '@hearth/keyed-lines';
import { isBlankLine } from './blank-line';
import { FileChangedError, FingerprintingRead, VerifiedReread } from './file-fingerprint';
import { householdOfLine, isPlaced, placeLine } from './placed-line';
import { MAX_LINE_BYTES, unreadableLine } from './read-line-command';
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
  | { readonly phase: 'scan'; readonly lines: number; readonly households: number }
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

/** The file's lines as the import reads them (read-lines.ts), blank ones skipped; a line the import cannot read (unreadableLine) comes as why it is left out. */
async function* textLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<{ readonly number: number; readonly text: string } | { readonly number: number; readonly leftOut: string }> {
  for await (const group of readLines(chunks, MAX_LINE_BYTES)) {
    for (const line of group) {
      const unreadable = unreadableLine(line);
      if (unreadable !== undefined) yield { number: line.number, leftOut: unreadable.message };
      else if (!isBlankLine(line.text)) yield { number: line.number, text: line.text };
    }
  }
}

/**
 * The rank of every household the file names, in the order of their ids: the order the
 * read models keep their rows in (keyed by household first) and the store its index of
 * streams. Written in that order, a log's catch-up and import insert into those B-trees
 * at their right edge, not all over them: at 20,000 households a rebuild of the log
 * regrouped in order of first appearance cost twice the CPU (33–37 s against 15–16 s) of
 * the same households in order of id (docs/decisions/0108). Ids are ASCII (domain.md
 * §4), where JavaScript's order of strings is SQLite's.
 */
const rankedHouseholds = async (opts: RegroupOptions, first: FingerprintingRead): Promise<Map<string, number>> => {
  const ids = new Set<string>();
  let lines = 0;
  for await (const line of textLines(first.chunks())) {
    lines++;
    if (lines % PROGRESS_LINES === 0) opts.onProgress?.({ phase: 'scan', lines, households: ids.size });
    if (!('text' in line)) continue;
    const read = householdOfLine(line.text);
    if (isPlaced(read)) ids.add(read.householdId);
  }
  opts.onProgress?.({ phase: 'scan', lines, households: ids.size });
  const ranks = new Map<string, number>();
  for (const id of [...ids].sort()) ranks.set(id, ranks.size);
  return ranks;
};

/**
 * Writes an import file again household by household: the households in the order of
 * their ids, each one's lines in the order they stand in it (docs/decisions/0108).
 * Importing the result appends, stream for stream, the events importing the source
 * appends, and far faster when the source interleaves households (a log in date order):
 * no household state has to be kept or read again between its commands. What no
 * household's command depends on is left as it was: commands name one household each,
 * and the division tree is loaded apart from the commands.
 *
 * The file is read twice: once for its households' ids, once for its lines, each chunk of
 * the second read checked against the digest the first took at the same offset before any
 * line of it is placed (decision 150, as the import does): a file written to between the
 * reads or during the second is refused (FileChangedError), and nothing is written to the
 * output, which is written only once every line was read. Memory is
 * bounded by one part (`householdsPerPart` households' lines) and the map of household
 * ids: the lines go first to scratch files, one a part, which are then read, sorted and
 * written out one at a time, as bytes (@hearth/keyed-lines).
 */
export const regroupCommands = async (opts: RegroupOptions): Promise<RegroupSummary> => {
  try {
    return await regroupRead(opts);
  } catch (e) {
    if (e instanceof FileChangedError) throw new FileChangedError(e.path, `${e.detail}; nothing was written to the output`, 'regrouped');
    throw e;
  }
};

const regroupRead = async (opts: RegroupOptions): Promise<RegroupSummary> => {
  const first = new FingerprintingRead(opts.source);
  const ranks = await rankedHouseholds(opts, first);
  const second = new VerifiedReread(opts.source, first.fingerprint());
  return KeyedLines.within(opts.scratchDir, 'hearth-regroup-', opts.householdsPerPart ?? REGROUP_HOUSEHOLDS_PER_PART, async (parts) => {
    const leftOut: LeftOutLine[] = [];
    let lines = 0;
    let commandIdsAdded = 0;
    for await (const line of textLines(second.chunks())) {
      lines++;
      if (lines % PROGRESS_LINES === 0) opts.onProgress?.({ phase: 'read', lines, households: ranks.size });
      if (!('text' in line)) {
        leftOut.push({ line: line.number, reason: line.leftOut });
        continue;
      }
      const placed = placeLine(line.text, line.number);
      if (!isPlaced(placed)) {
        leftOut.push({ line: line.number, reason: placed.reason });
        continue;
      }
      const rank = ranks.get(placed.householdId);
      // The second read's bytes are the first's (checked chunk by chunk), so every household was ranked.
      if (rank === undefined) throw new FileChangedError(opts.source, `line ${line.number} names household ${placed.householdId}, which the first reading did not find`);
      if (placed.idAdded) commandIdsAdded++;
      parts.add(rank, placed.text);
      if (parts.full) await parts.spill();
    }
    await parts.spill();
    opts.onProgress?.({ phase: 'read', lines, households: ranks.size });

    let written = 0;
    const write = async (chunk: Buffer): Promise<void> => {
      if (!opts.out.write(chunk)) await once(opts.out, 'drain');
    };
    const all = parts.parts();
    for (const [i, part] of all.entries()) {
      written += await parts.writeSorted(part, write);
      opts.onProgress?.({ phase: 'write', part: i + 1, parts: all.length, written });
    }
    return { lines, households: ranks.size, written, commandIdsAdded, leftOut };
  });
};
