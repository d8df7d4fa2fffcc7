import { createHash } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { EventMeta, Fact, HouseholdEvent, householdDecider, HouseholdState, parseCommand } from '@hearth/domain';
import { loadDecideRegion } from './decide-region';

/**
 * What decide+fold decides, as one digest, so that two trees can be shown to decide the
 * same: the bench's `decideAndFold` loop (decide-bench.ts) over the region
 * `writeBenchRegion` writes into DIR, feeding a SHA-256 with every decided event's JSON
 * and every refusal's code, message and fields (the decoder's and the rules' alike), in
 * order. Prints the counts and the digest; equal digests from two trees mean the same
 * events and the same errors, byte for byte.
 *
 *   npx tsx apps/bench/src/fold/decided-hash.ts DIR HOUSEHOLDS
 */
const [dir, householdsArg] = process.argv.slice(2);
if (dir === undefined || householdsArg === undefined) throw new Error('usage: decided-hash DIR HOUSEHOLDS');

const main = async (): Promise<void> => {
  const { lines, ctx } = await loadDecideRegion(dir, Number(householdsArg));
  const hash = createHash('sha256');
  const states = new Map<string, HouseholdState>();
  const counts = { accepted: 0, unchanged: 0, rejected: 0, events: 0 };
  for (const line of lines) {
    const parsed = parseCommand(JSON.parse(line) as unknown);
    if (E.isLeft(parsed)) {
      counts.rejected++;
      hash.update(`decode ${JSON.stringify(parsed.left)}\n`);
      continue;
    }
    const cmd = parsed.right;
    const state = states.get(cmd.householdId) ?? householdDecider.initialState;
    const decided = householdDecider.decide(cmd, state, ctx);
    if (E.isLeft(decided)) {
      counts.rejected++;
      hash.update(`reject ${JSON.stringify(decided.left)}\n`);
      continue;
    }
    const facts: Fact[] = decided.right.map((event: HouseholdEvent, k) => {
      const meta: EventMeta = cmd.commandId !== undefined ? { eventId: `${cmd.commandId}#${k}`, occurredOn: cmd.on, commandId: cmd.commandId } : { eventId: `#${counts.events + k}`, occurredOn: cmd.on };
      hash.update(`event ${JSON.stringify(event)}\n`);
      return { event, meta };
    });
    counts.events += facts.length;
    states.set(cmd.householdId, householdDecider.fold(facts, state));
    if (facts.length > 0) counts.accepted++;
    else counts.unchanged++;
  }
  process.stdout.write(`${JSON.stringify({ lines: lines.length, ...counts, sha256: hash.digest('hex') })}\n`);
};

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exitCode = 1;
});
