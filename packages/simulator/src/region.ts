import { HouseholdCommand } from '@hearth/domain';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { writeByDate } from './date-ordered-log';
import { regionLayout, RegionLayout } from './divisions';
import { CommandSink } from './household/simulated-household';
import { HouseholdSimulation } from './household/simulation';
import { EmployerPools } from './jobs';
import { finish, LineWriter, write } from './line-writer';
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
   * (stable: ties keep household order), the lines spilled to files under `scratchDir`
   * a span of days each and sorted a span at a time (date-ordered-log.ts): memory is
   * bounded by a span's lines, and the scratch files take about the log's size on disk
   * until the log is written.
   */
  readonly order?: 'household' | 'date';
  /** With `order: 'date'`: where the spans' files are kept while the log is sorted (default: the OS's temporary directory). */
  readonly scratchDir?: string;
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
    commands = await writeByDate(region, lines, {
      scratchDir: opts.scratchDir ?? tmpdir(),
      onHousehold: (i, simulated) => {
        commands = simulated;
        if ((i + 1) % every === 0 && i + 1 < total) report(i + 1);
      },
    });
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
