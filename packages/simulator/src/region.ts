import { HouseholdCommand } from '@hearth/domain';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { Day } from './calendar';
import { regionLayout, RegionLayout } from './divisions';
import { CommandSink } from './household/simulated-household';
import { HouseholdSimulation } from './household/simulation';
import { EmployerPools } from './jobs';
import { resolveOptions, RegionOptions, ResolvedOptions } from './options';

/** A region ready to generate: options resolved, division layout and employer pools built once. */
export class SyntheticRegion {
  readonly options: ResolvedOptions;
  readonly layout: RegionLayout;
  private readonly pools: EmployerPools;

  constructor(opts: RegionOptions) {
    this.options = resolveOptions(opts);
    this.layout = regionLayout(this.options);
    this.pools = new EmployerPools(this.options.seed32);
  }

  get households(): number {
    return this.options.households;
  }

  /** Runs household `index` (0-based) and hands each command, in date order, to `sink`. */
  simulate(index: number, sink: CommandSink): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.options.households)
      throw new RangeError(`household index must be an integer from 0 to ${this.options.households - 1}, got ${index}`);
    new HouseholdSimulation(this.options, this.layout, this.pools, index, sink).run();
  }

  commands(index: number): HouseholdCommand[] {
    const out: HouseholdCommand[] = [];
    this.simulate(index, (c) => out.push(c));
    return out;
  }
}

let lastRegion: SyntheticRegion | undefined;
const regionFor = (opts: RegionOptions): SyntheticRegion => {
  const o = resolveOptions(opts);
  if (lastRegion?.options.seed32 !== o.seed32 || lastRegion.options.households !== o.households || lastRegion.options.seedTag !== o.seedTag)
    lastRegion = new SyntheticRegion(opts);
  return lastRegion;
};

/**
 * The commands of household `index` (0-based, < `households`), in business-date order,
 * each exactly as the domain's codecs accept it. Depends only on (seed, households, index).
 */
export const generateHouseholdCommands = (opts: RegionOptions, index: number): HouseholdCommand[] => regionFor(opts).commands(index);

export interface GenerationProgress {
  /** Households written so far, of `total`. */
  readonly households: number;
  readonly total: number;
  readonly commands: number;
  /** Bytes of command log written so far (UTF-8). */
  readonly bytes: number;
}

export interface WriteRegionOptions extends RegionOptions {
  /** Receives the command log: one JSON object a line. */
  readonly commandsOut: Writable;
  /** Receives the division tree as a JSON array (one division a line). */
  readonly divisionsOut?: Writable;
  /**
   * `household` (default): household after household, each one's commands in date order;
   * memory stays flat whatever the size. `date`: the whole log sorted by business date
   * (stable: ties keep household order); holds every line in memory first — roughly
   * 350–450 bytes a command, so about 4 GB for 10 million commands: meant for small regions.
   */
  readonly order?: 'household' | 'date';
  /** Called every `progressEvery` households (default 10,000) and once at the end. */
  readonly onProgress?: (p: GenerationProgress) => void;
  readonly progressEvery?: number;
  /** End the streams when done and wait for them to finish (default true; pass false for process.stdout). */
  readonly end?: boolean;
}

export interface RegionSummary {
  readonly households: number;
  readonly commands: number;
  readonly divisions: number;
  readonly bytes: number;
}

const CHUNK = 1 << 16;

/**
 * Encodes lines straight into a buffer and hands the stream one buffer per ~256 KB:
 * cheaper than concatenating strings (which V8 must flatten and re-encode on write).
 */
class LineWriter {
  private static readonly SIZE = 1 << 18;
  private buf = Buffer.allocUnsafe(LineWriter.SIZE);
  private used = 0;
  bytes = 0;

  constructor(private readonly out: Writable) {}

  get full(): boolean {
    return this.used >= LineWriter.SIZE - (LineWriter.SIZE >> 3);
  }

  add(line: string): void {
    const room = this.buf.length - this.used;
    if (line.length * 3 + 1 > room) {
      // Rare: a line that may not fit. Grow into a fresh, larger buffer.
      const bigger = Buffer.allocUnsafe(Math.max(LineWriter.SIZE, this.used + line.length * 3 + 1));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    this.used += this.buf.write(line, this.used, 'utf8');
    this.buf[this.used++] = 10;
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    const chunk = this.buf.subarray(0, this.used);
    this.bytes += this.used;
    this.buf = Buffer.allocUnsafe(LineWriter.SIZE);
    this.used = 0;
    await write(this.out, chunk);
  }
}

/** Writes `text`, waiting for 'drain' when the stream asks for it. */
const write = async (out: Writable, data: string | Buffer): Promise<void> => {
  if (!out.write(data)) await once(out, 'drain');
};

const finish = async (out: Writable): Promise<void> => {
  const done = once(out, 'finish');
  out.end();
  await done;
};

/**
 * Streams a synthetic region: the division tree to `divisionsOut`, and the command log
 * to `commandsOut`. Households are independent aggregates, so "household after
 * household" is a valid import order; within a household, business dates never go back.
 */
export const writeRegion = async (opts: WriteRegionOptions): Promise<RegionSummary> => {
  const region = new SyntheticRegion(opts);
  const { commandsOut, divisionsOut, onProgress } = opts;
  const every = Math.max(1, opts.progressEvery ?? 10_000);
  const total = region.households;
  const divisions = region.layout.divisions;

  if (divisionsOut) {
    let buf = '[\n';
    for (let i = 0; i < divisions.length; i++) {
      buf += JSON.stringify(divisions[i]) + (i + 1 < divisions.length ? ',\n' : '\n');
      if (buf.length >= CHUNK) {
        const chunk = buf;
        buf = '';
        await write(divisionsOut, chunk);
      }
    }
    await write(divisionsOut, buf + ']\n');
  }

  let commands = 0;
  let bytes = 0;
  const report = (households: number) => onProgress?.({ households, total, commands, bytes });

  const lines = new LineWriter(commandsOut);
  if ((opts.order ?? 'household') === 'household') {
    const sink: CommandSink = (c) => {
      lines.add(JSON.stringify(c));
      commands++;
    };
    for (let i = 0; i < total; i++) {
      region.simulate(i, sink);
      if (lines.full) {
        bytes = lines.bytes;
        await lines.flush();
      }
      if ((i + 1) % every === 0 && i + 1 < total) report(i + 1);
    }
  } else {
    const days: Day[] = [];
    const all: string[] = [];
    const sink: CommandSink = (c, day) => {
      days.push(day);
      all.push(JSON.stringify(c));
    };
    for (let i = 0; i < total; i++) {
      region.simulate(i, sink);
      if ((i + 1) % every === 0 && i + 1 < total) report(i + 1);
    }
    const order = Array.from({ length: all.length }, (_, k) => k).sort((a, b) => (days[a] as Day) - (days[b] as Day) || a - b);
    commands = all.length;
    for (const k of order) {
      lines.add(all[k] as string);
      if (lines.full) await lines.flush();
    }
  }
  await lines.flush();
  bytes = lines.bytes;
  report(total);

  if (opts.end !== false) {
    await finish(commandsOut);
    if (divisionsOut && divisionsOut !== commandsOut) await finish(divisionsOut);
  }
  return { households: total, commands, divisions: divisions.length, bytes };
};
