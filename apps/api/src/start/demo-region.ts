import * as E from 'fp-ts/Either';
import { HouseholdCommand } from '@hearth/domain';
import { Ledger, TOO_LARGE_FOR_STORE } from '@hearth/ledger';
import { SyntheticRegion } from '@hearth/simulator';

export interface DemoRegionOptions {
  readonly households: number;
  readonly seed: number | string;
  /** Commands decided and written per transaction (the importer's default). */
  readonly batchSize?: number;
  readonly onProgress?: (p: { households: number; total: number; commands: number; rejected: number }) => void;
  /** Checked between batches: a stop requested during generation ends it early. */
  readonly stopRequested?: () => boolean;
}

export interface DemoRegionSummary {
  readonly households: number;
  readonly divisions: number;
  readonly commands: number;
  readonly accepted: number;
  readonly unchanged: number;
  /** The simulator's deliberate, plausible mistakes (about 1%), refused by the ledger as they should be. */
  readonly rejected: number;
  readonly rejectedByCode: Readonly<Record<string, number>>;
}

export class DemoStopped extends Error {
  constructor() {
    super('stopped while generating the demo region');
  }
}

/** The date the demo's division tree is recorded on: before the simulator's first registration (2016-01-04). */
export const DEMO_TREE_DATE = '2016-01-01';

/**
 * Generates a synthetic region with the simulator and applies it to the ledger the
 * way `hearth import` does — batches decided against cached household states, one
 * transaction each (`Ledger.batchHandler`) — but without the round trip through a
 * JSON file: the simulator's commands are already typed as the codecs accept them.
 */
export const seedDemoRegion = async (ledger: Ledger, opts: DemoRegionOptions): Promise<DemoRegionSummary> => {
  const region = new SyntheticRegion({ households: opts.households, seed: opts.seed });
  const tree = await ledger.recordDivisionTree(region.layout.divisions, DEMO_TREE_DATE);
  if (E.isLeft(tree)) throw new Error(`the simulator's division tree was refused: ${JSON.stringify(tree.left)}`);

  const batchSize = opts.batchSize ?? 1000;
  const handler = ledger.batchHandler();
  const ctx = ledger.context();
  const total = region.households;
  const rejectedByCode: Record<string, number> = {};
  let commands = 0;
  let accepted = 0;
  let unchanged = 0;
  let rejected = 0;
  let pending: HouseholdCommand[] = [];

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const results = await handler.handleMany(pending, ctx);
    for (const r of results) {
      if (r.status === 'accepted') accepted += 1;
      else if (r.status === 'unchanged') unchanged += 1;
      else {
        rejected += 1;
        const code = r.status === 'rejected' ? r.error.code : r.status === 'too-large' ? TOO_LARGE_FOR_STORE : 'CONCURRENCY_CONFLICT';
        rejectedByCode[code] = (rejectedByCode[code] ?? 0) + 1;
      }
    }
    commands += pending.length;
    pending = [];
  };

  for (let i = 0; i < total; i++) {
    region.simulate(i, (c) => pending.push(c));
    if (pending.length >= batchSize) {
      await flush();
      if (opts.stopRequested?.()) throw new DemoStopped();
      opts.onProgress?.({ households: i + 1, total, commands, rejected });
    }
  }
  await flush();
  opts.onProgress?.({ households: total, total, commands, rejected });
  return { households: total, divisions: tree.right.divisions, commands, accepted, unchanged, rejected, rejectedByCode };
};
