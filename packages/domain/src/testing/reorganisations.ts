import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { maxDate } from '../dates';
import { buildDivisionTree, DivisionTree } from '../divisions';
import { HouseholdCommand } from '../household/commands';
import { DecisionContext } from '../household/context';
import { householdDecider } from '../household/household.decider';
import { EventMeta, Fact } from '../household/state';
import { ARB_OTHER_VILLAGE, ARB_TOWNSHIP, ARB_VILLAGE, arbContext, arbDivisions, k } from './command-drafts';
import { reorganisedDivisions } from './fixtures';
import { householdCommands, HouseholdCommandsOptions } from './household-commands';
import { DecidedStep, HouseholdRun } from './run-household';

/**
 * Household histories across a division reorganisation (docs/decisions/0015): a second tree
 * is recorded part-way through, and, as the loader does, a `TransferHousehold` to the
 * successor it names is decided right after it, dated on the latest business date so far.
 * Sometimes the registration's village is corrected before the tree, so that the transfer
 * starts from the corrected village. The commands before the tree are decided against
 * `arbDivisions`, the rest against the second tree; each stored fact carries its place in
 * the log, so replays find the tree in force when it was recorded.
 */

/** The village the reorganised trees put in place of the first tree's villages. */
export const ARB_SUCCESSOR_VILLAGE = 'V3';
const ARB_LATE_VILLAGE = 'V4';

const replacing = (dropped: readonly string[], added: readonly string[], successors: Record<string, string>): DivisionTree => {
  const built = buildDivisionTree(
    [...arbDivisions.all.filter((d) => !dropped.includes(d.code)), ...added.map((code) => ({ code, name: `Village ${code}`, parentCode: ARB_TOWNSHIP, level: 'village' as const }))],
    successors,
  );
  if (E.isLeft(built)) throw new Error(`a reorganised test tree is not a tree: ${JSON.stringify(built.left)}`);
  return built.right;
};

/**
 * The second trees: V1 replaced by V3 and V2 dropped without a successor (the fixtures'
 * reorganisation); V1 and V2 merged into V3; V2 alone replaced by V4, so that a household of
 * V1 stays where it is.
 */
export const arbReorganisedTrees: readonly DivisionTree[] = [
  reorganisedDivisions,
  replacing([ARB_VILLAGE, ARB_OTHER_VILLAGE], [ARB_SUCCESSOR_VILLAGE], { [ARB_VILLAGE]: ARB_SUCCESSOR_VILLAGE, [ARB_OTHER_VILLAGE]: ARB_SUCCESSOR_VILLAGE }),
  replacing([ARB_OTHER_VILLAGE], [ARB_LATE_VILLAGE], { [ARB_OTHER_VILLAGE]: ARB_LATE_VILLAGE }),
];
/** Every village any of the trees has: what a correction of a registration's division may name. */
export const ARB_ALL_VILLAGES: readonly string[] = [ARB_VILLAGE, ARB_OTHER_VILLAGE, ARB_SUCCESSOR_VILLAGE, ARB_LATE_VILLAGE];

export interface ReorganisedCommands {
  readonly commands: readonly HouseholdCommand[];
  /** How many of `commands` come before the second tree: they are decided against the first. */
  readonly beforeTree: number;
  readonly second: DivisionTree;
}

/**
 * A generated household history with a second tree recorded after one of its commands, and
 * a transfer right after the tree: mostly to the successor the tree names for the
 * registration's village, sometimes to another division (refused, NOT_A_SUCCESSOR or the
 * like); sometimes a stray transfer under the first tree too (refused), and sometimes a
 * correction of the registration to the first tree's other village before the tree (the
 * transfer then leaves the corrected village).
 */
export const reorganisedHouseholdCommands = (opts: HouseholdCommandsOptions = {}): fc.Arbitrary<ReorganisedCommands> =>
  householdCommands(opts).chain((commands) =>
    fc
      .record({
        cut: fc.integer({ min: 1, max: commands.length }),
        second: fc.constantFrom(...arbReorganisedTrees),
        stray: fc.option(fc.integer({ min: 1, max: commands.length }), { nil: undefined, freq: 4 }),
        corrected: fc.option(fc.integer({ min: 1, max: commands.length }), { nil: undefined, freq: 3 }),
        to: fc.oneof(k(8, fc.constant(undefined)), k(1, fc.constantFrom(...ARB_ALL_VILLAGES, ARB_TOWNSHIP))),
      })
      .map(({ cut, second, stray, corrected, to }) => {
        const first = commands[0] as HouseholdCommand;
        const registered = first.type === 'RegisterHousehold' ? first.divisionCode : ARB_VILLAGE;
        const correctedTo = registered === ARB_VILLAGE ? ARB_OTHER_VILLAGE : ARB_VILLAGE;
        const latestOn = (upTo: number) => commands.slice(0, upTo).reduce<string>((on, c) => maxDate(on, c.on), first.on);
        const transfer = (at: number, id: string, target: string): HouseholdCommand => ({ type: 'TransferHousehold', householdId: first.householdId, on: latestOn(at), commandId: id, to: target });
        const before = commands.slice(0, cut);
        if (stray !== undefined && stray < cut) before.splice(stray, 0, transfer(stray, 'stray', ARB_SUCCESSOR_VILLAGE));
        const correcting = corrected !== undefined && corrected < cut;
        // The registration is the first command, always recorded, so its event is e1.
        if (correcting)
          before.splice(corrected, 0, { type: 'CorrectEvent', householdId: first.householdId, on: latestOn(corrected), commandId: 'corrected', eventId: 'e1', correction: { divisionCode: correctedTo }, reason: 'wrong village' });
        const registeredIn = correcting ? correctedTo : registered;
        const moved = transfer(cut, 'moved', to ?? second.successorOf(registeredIn) ?? ARB_SUCCESSOR_VILLAGE);
        return { commands: [...before, moved, ...commands.slice(cut)], beforeTree: before.length, second };
      }),
  );

export interface ReorganisedRun {
  readonly run: HouseholdRun;
  /** The second tree in force now, and each fact's tree by its position (`divisionsAt`). */
  readonly ctx: DecisionContext;
}

/**
 * Decides each command as a command handler does, the ones before the tree against `ctx`'s
 * tree and the rest against the second, a correction with the stream so far; facts get
 * event ids e1.. and their place in the log 1.. (the tree sits between two places).
 */
export const runReorganised = ({ commands, beforeTree, second }: ReorganisedCommands, ctx: DecisionContext = arbContext): ReorganisedRun => {
  const { decide, evolve } = householdDecider;
  let state = householdDecider.initialState;
  const steps: DecidedStep[] = [];
  const facts: Fact[] = [];
  commands.forEach((command, index) => {
    const before = state;
    const divisions = index < beforeTree ? ctx.divisions : second;
    const decision = decide(command, before, { ...ctx, divisions, ...(command.type === 'CorrectEvent' ? { history: [...facts] } : {}) });
    const appended: Fact[] = [];
    if (E.isRight(decision))
      for (const event of decision.right) {
        const n = facts.length + appended.length + 1;
        const meta: EventMeta = { eventId: `e${n}`, occurredOn: command.on, position: n, ...(command.commandId !== undefined ? { commandId: command.commandId } : {}) };
        state = evolve(state, event, meta);
        appended.push({ event, meta });
      }
    facts.push(...appended);
    steps.push({ index, command, before, decision, facts: appended, after: state });
  });
  const treeAfter = steps.slice(0, beforeTree).reduce((n, s) => n + s.facts.length, 0);
  return {
    run: { steps, facts, state },
    ctx: { ...ctx, divisions: second, divisionsAt: (position) => (position > treeAfter ? second : ctx.divisions) },
  };
};
