import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Day } from './calendar';
import type { LineWriter } from './line-writer';
import type { SyntheticRegion } from './region';

/**
 * Days one scratch file holds. A span's lines are all the sort holds in memory at once:
 * about a 57th of a five-year log (~120 MB of lines for the 532,000-household region).
 */
const SPAN_DAYS = 32;
/** Characters of lines held before they are appended to their spans' files. */
const SPILL_CHARS = 16 << 20;

export interface ByDateOptions {
  /** Where a directory of its own holds the spans' files until the log is written; removed after, also on failure. */
  readonly scratchDir: string;
  /** Called after each household is simulated, with its index and the commands simulated so far. */
  readonly onHousehold?: (index: number, commands: number) => void;
}

/** Lines of the log by span of days, appended to a file a span as they pile up. */
class SpanFiles {
  private pending = new Map<number, string[]>();
  private pendingChars = 0;
  private readonly spans = new Set<number>();

  constructor(private readonly dir: string) {}

  get full(): boolean {
    return this.pendingChars >= SPILL_CHARS;
  }

  /** A line's day leads it in the file, so that the file can be sorted without parsing the commands. */
  add(day: Day, line: string): void {
    const span = Math.floor(day / SPAN_DAYS);
    const entry = `${day}\t${line}\n`;
    const lines = this.pending.get(span);
    if (lines === undefined) this.pending.set(span, [entry]);
    else lines.push(entry);
    this.pendingChars += entry.length;
  }

  async spill(): Promise<void> {
    const pending = this.pending;
    this.pending = new Map();
    this.pendingChars = 0;
    for (const [span, lines] of pending) {
      this.spans.add(span);
      await appendFile(this.path(span), lines.join(''), 'utf8');
    }
  }

  /** The spans written, earliest first. */
  written(): number[] {
    return [...this.spans].sort((a, b) => a - b);
  }

  path(span: number): string {
    return join(this.dir, `span-${span}.lines`);
  }
}

/**
 * Writes the region's log sorted by business date, ties in the order the households were
 * simulated (household after household, each one's commands in its own order), in memory
 * bounded by one span of days: every command goes first to the file of its span, then the
 * spans are read earliest first, each sorted by day and written out. The order is the one a
 * stable sort of the whole log by day gives: a file keeps its lines in the order they were
 * simulated. Answers the number of commands written.
 */
export const writeByDate = async (region: SyntheticRegion, lines: LineWriter, opts: ByDateOptions): Promise<number> => {
  const dir = await mkdtemp(join(opts.scratchDir, 'hearth-generate-'));
  try {
    const spans = new SpanFiles(dir);
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
    for (const span of spans.written()) {
      const entries = (await readFile(spans.path(span), 'utf8')).split('\n');
      entries.pop(); // the empty string after the last newline
      const days = entries.map((e) => Number(e.slice(0, e.indexOf('\t'))));
      const order = Array.from({ length: entries.length }, (_, k) => k).sort((a, b) => (days[a] as number) - (days[b] as number) || a - b);
      for (const k of order) {
        const entry = entries[k] as string;
        lines.add(entry.slice(entry.indexOf('\t') + 1));
        if (lines.full) await lines.flush();
      }
    }
    return commands;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
