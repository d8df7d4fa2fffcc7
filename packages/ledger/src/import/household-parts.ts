import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Characters of lines held before they are appended to their parts' files. */
const SPILL_CHARS = 16 << 20;

/** A line read back from its part, with the ordinal of its household (order of first appearance). */
export interface PartLine {
  readonly household: number;
  readonly text: string;
}

/**
 * Lines kept on disk by part: a part holds the lines of a run of households numbered in
 * order of first appearance (`householdsPerPart` of them), so a part is all a regrouping
 * holds in memory at once. Each line is stored after its household's ordinal, so a part
 * can be put in household order without parsing its commands again.
 */
export class HouseholdParts {
  private pending = new Map<number, string[]>();
  private pendingChars = 0;
  private parts = 0;

  constructor(
    private readonly dir: string,
    private readonly householdsPerPart: number,
  ) {}

  get full(): boolean {
    return this.pendingChars >= SPILL_CHARS;
  }

  add(household: number, text: string): void {
    const part = Math.floor(household / this.householdsPerPart);
    const entry = `${household}\t${text}\n`;
    const lines = this.pending.get(part);
    if (lines === undefined) this.pending.set(part, [entry]);
    else lines.push(entry);
    this.pendingChars += entry.length;
    this.parts = Math.max(this.parts, part + 1);
  }

  async spill(): Promise<void> {
    const pending = this.pending;
    this.pending = new Map();
    this.pendingChars = 0;
    for (const [part, lines] of pending) await appendFile(this.path(part), lines.join(''), 'utf8');
  }

  /** How many parts there are: households are numbered from 0, so every part below the last has lines. */
  get count(): number {
    return this.parts;
  }

  /** A part's lines, its households' in order of first appearance, each household's in the order they were added. */
  async sorted(part: number): Promise<PartLine[]> {
    const entries = (await readFile(this.path(part), 'utf8')).split('\n');
    entries.pop(); // the empty string after the last newline
    const lines = entries.map((e): PartLine => {
      const tab = e.indexOf('\t');
      return { household: Number(e.slice(0, tab)), text: e.slice(tab + 1) };
    });
    // Array.prototype.sort is stable: a household's lines keep their order.
    return lines.sort((a, b) => a.household - b.household);
  }

  private path(part: number): string {
    return join(this.dir, `part-${part}.lines`);
  }
}
