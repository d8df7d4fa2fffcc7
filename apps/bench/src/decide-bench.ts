import * as E from 'fp-ts/Either';
import { DecisionContext, EventMeta, Fact, HouseholdEvent, householdDecider, HouseholdState, parseCommand } from '@hearth/domain';
import { compare, perSecond, type Clock } from './harness';
import { readLines, type BenchRegion } from './region';

export interface DecideFoldResult {
  readonly commands: number;
  readonly accepted: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly events: number;
  readonly subjectMs: number;
  readonly baselineMs: number;
  readonly subjectCommandsPerSec: number;
  readonly baselineCommandsPerSec: number;
  /** subject / baseline: how many JSON.parses of the log the domain's work costs. */
  readonly ratio: number;
}

interface Outcome {
  readonly accepted: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly events: number;
}

/**
 * The whole region through the domain, in memory: each line JSON.parsed, decoded by
 * the edge decoder (`parseCommand`, io-ts), decided against its household's state and
 * its events folded in one run with the Decider's `fold`, exactly as the batch handler
 * does it (event-store's `foldDecided`) — with no store, no
 * hashing, no SQL. A rejected command changes nothing, as in the ledger. The states end
 * in `states` (a new map unless given).
 */
export const decideAndFold = (lines: readonly string[], ctx: DecisionContext, states = new Map<string, HouseholdState>()): Outcome => {
  let accepted = 0;
  let unchanged = 0;
  let rejected = 0;
  let events = 0;
  for (const line of lines) {
    const parsed = parseCommand(JSON.parse(line) as unknown);
    if (E.isLeft(parsed)) {
      rejected++;
      continue;
    }
    const cmd = parsed.right;
    let state = states.get(cmd.householdId) ?? householdDecider.initialState;
    const decided = householdDecider.decide(cmd, state, ctx);
    if (E.isLeft(decided)) {
      rejected++;
      continue;
    }
    // The command's events folded in one run, as the handlers' foldDecided hands them to the Decider's fold (ADR 74).
    const decidedEvents = decided.right;
    const facts: Fact[] = [];
    for (let k = 0; k < decidedEvents.length; k++) {
      const meta: EventMeta = cmd.commandId !== undefined ? { eventId: `${cmd.commandId}#${k}`, occurredOn: cmd.on, commandId: cmd.commandId } : { eventId: `#${events + k}`, occurredOn: cmd.on };
      facts.push({ event: decidedEvents[k] as HouseholdEvent, meta });
    }
    events += decidedEvents.length;
    state = householdDecider.fold(facts, state);
    states.set(cmd.householdId, state);
    if (decided.right.length > 0) accepted++;
    else unchanged++;
  }
  return { accepted, unchanged, rejected, events };
};

/** Every household's state once each line is decided and folded (what `decideAndFold` keeps alive). */
export const foldedStates = (lines: readonly string[], ctx: DecisionContext): Map<string, HouseholdState> => {
  const states = new Map<string, HouseholdState>();
  decideAndFold(lines, ctx, states);
  return states;
};

/** The floor: every line JSON.parsed, nothing else (a cheap use of the result so the work is not elided). */
export const parseOnly = (lines: readonly string[]): number => {
  let objects = 0;
  for (const line of lines) if (typeof JSON.parse(line) === 'object') objects++;
  return objects;
};

export const decideBench = async (region: BenchRegion, opts: { rounds?: number; clock?: Clock; onRun?: (what: string, ms: number) => void } = {}): Promise<DecideFoldResult> => {
  const lines = readLines(region.commandsFile);
  const ctx: DecisionContext = { policy: region.policy, divisions: region.divisions, recordedAt: '2021-01-01T00:00:00.000Z', actor: 'bench' };
  const c = await compare({
    rounds: opts.rounds ?? 3,
    warmup: 1,
    ...(opts.clock ? { clock: opts.clock } : {}),
    subject: { run: () => decideAndFold(lines, ctx) },
    baseline: { run: () => parseOnly(lines) },
    onRun: (side, _r, ms) => opts.onRun?.(side === 'S' ? 'decide+fold' : 'JSON.parse only', ms),
  });
  const out = c.subject.results[0] as Outcome;
  return {
    commands: lines.length,
    ...out,
    subjectMs: c.subject.medianMs,
    baselineMs: c.baseline.medianMs,
    subjectCommandsPerSec: perSecond(lines.length, c.subject.medianMs),
    baselineCommandsPerSec: perSecond(lines.length, c.baseline.medianMs),
    ratio: c.ratio,
  };
};
