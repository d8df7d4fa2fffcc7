import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { maxDate } from '../dates';
import { buildDivisionTree, DivisionTree } from '../divisions';
import { HouseholdCommand } from '../household/commands';
import { DecisionContext } from '../household/context';
import { householdDecider } from '../household/household.decider';
import { ARB_OTHER_VILLAGE, ARB_TOWNSHIP, ARB_VILLAGE, arbContext, arbDivisions, k } from './command-drafts';
import { reorganisedDivisions } from './fixtures';
import { householdCommands, HouseholdCommandsOptions } from './household-commands';
import { HouseholdRun, runHousehold } from './run-household';

/**
 * Household histories across a division reorganisation (docs/decisions/0015): a second tree
 * is recorded part-way through, and, as the loader does, a `TransferHousehold` to the
 * successor it names is decided right after it, dated on the latest business date so far.
 * The commands before the tree are decided against `arbDivisions`, the rest against the
 * second tree; each stored fact carries its place in the log, so replays find the tree
 * in force when it was recorded.
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
 * like), and sometimes a stray transfer under the first tree too (refused).
 */
export const reorganisedHouseholdCommands = (opts: HouseholdCommandsOptions = {}): fc.Arbitrary<ReorganisedCommands> =>
  householdCommands(opts).chain((commands) =>
    fc
      .record({
        cut: fc.integer({ min: 1, max: commands.length }),
        second: fc.constantFrom(...arbReorganisedTrees),
        stray: fc.option(fc.integer({ min: 1, max: commands.length }), { nil: undefined, freq: 4 }),
        to: fc.oneof(k(8, fc.constant(undefined)), k(1, fc.constantFrom(...ARB_ALL_VILLAGES, ARB_TOWNSHIP))),
      })
      .map(({ cut, second, stray, to }) => {
        const first = commands[0] as HouseholdCommand;
        const registeredIn = first.type === 'RegisterHousehold' ? first.divisionCode : ARB_VILLAGE;
        const latestOn = (upTo: number) => commands.slice(0, upTo).reduce<string>((on, c) => maxDate(on, c.on), first.on);
        const transfer = (at: number, id: string, target: string): HouseholdCommand => ({ type: 'TransferHousehold', householdId: first.householdId, on: latestOn(at), commandId: id, to: target });
        const before = commands.slice(0, cut);
        if (stray !== undefined && stray < cut) before.splice(stray, 0, transfer(stray, 'stray', ARB_SUCCESSOR_VILLAGE));
        const moved = transfer(cut, 'moved', to ?? second.successorOf(registeredIn) ?? ARB_SUCCESSOR_VILLAGE);
        return { commands: [...before, moved, ...commands.slice(cut)], beforeTree: before.length, second };
      }),
  );

export interface ReorganisedRun {
  readonly run: HouseholdRun;
  /** The second tree in force now, and each fact's tree by its position (`divisionsAt`). */
  readonly ctx: DecisionContext;
}

/** Runs the commands before the tree against `ctx`'s tree and the rest against the second; facts are numbered 1.. in the log. */
export const runReorganised = ({ commands, beforeTree, second }: ReorganisedCommands, ctx: DecisionContext = arbContext): ReorganisedRun => {
  const early = runHousehold(commands.slice(0, beforeTree), ctx);
  const late = runHousehold(commands.slice(beforeTree), { ...ctx, divisions: second }, householdDecider, early.state, early.facts.length + 1);
  const facts = [...early.facts, ...late.facts].map((f, i) => ({ ...f, meta: { ...f.meta, position: i + 1 } }));
  const treeAfter = early.facts.length;
  return {
    run: { steps: [...early.steps, ...late.steps.map((s) => ({ ...s, index: s.index + beforeTree }))], facts, state: late.state },
    ctx: { ...ctx, divisions: second, divisionsAt: (position) => (position > treeAfter ? second : ctx.divisions) },
  };
};
