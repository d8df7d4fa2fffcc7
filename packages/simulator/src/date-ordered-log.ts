import { KeyedLines } from '@hearth/keyed-lines';
import type { LineWriter } from './line-writer';
import type { SyntheticRegion } from './region';

/**
 * Days a scratch file holds. A span's lines are all the sort holds in memory at once:
 * about a 57th of a five-year log (~120 MB of lines for the 532,000-household region).
 */
const SPAN_DAYS = 32;

export interface ByDateOptions {
  /** Where a directory of its own holds the spans' files until the log is written; removed after, also on failure. */
  readonly scratchDir: string;
  /** Called after each household is simulated, with its index and the commands simulated so far. */
  readonly onHousehold?: (index: number, commands: number) => void;
}

/**
 * Writes the region's log sorted by business date, ties in the order the households were
 * simulated (household after household, each one's commands in its own order), in memory
 * bounded by one span of days: every command goes first to the file of its span, keyed by
 * its day, then the spans are read earliest first, each put in order of day, as bytes,
 * and written out (@hearth/keyed-lines). The order is the one a stable sort of the whole
 * log by day gives. Answers the number of commands written.
 */
export const writeByDate = async (region: SyntheticRegion, lines: LineWriter, opts: ByDateOptions): Promise<number> =>
  KeyedLines.within(opts.scratchDir, 'hearth-generate-', SPAN_DAYS, async (spans) => {
    let commands = 0;
    for (let i = 0; i < region.households; i++) {
      region.simulate(i, (c, day) => {
        spans.add(day, JSON.stringify(c));
        commands++;
      });
      if (spans.full) await spans.spill();
      opts.onHousehold?.(i, commands);
    }
    await spans.spill();
    await lines.flush();
    for (const span of spans.parts()) await spans.writeSorted(span, (chunk) => lines.addBytes(chunk));
    return commands;
  });
