import * as E from 'fp-ts/Either';
import {
  buildDivisionTree, commandEnvelope, type DecisionContext, type Fact, householdDecider, type HouseholdState,
  parseCommand, referencePolicy, stateAsOf,
} from '@hearth/domain';

/** A household service of your own around the Decider: it owns the I/O, the domain owns the rules. */
export const householdService = (divisions: unknown, actor: string) => {
  const tree = buildDivisionTree(divisions);
  if (E.isLeft(tree)) throw new Error(`not a division tree: ${JSON.stringify(tree.left)}`);
  // What your store holds of one household's stream (each event with its id and business date), and its fold.
  const stream: Fact[] = [];
  let state: HouseholdState = householdDecider.initialState;

  /** One command as JSON arrives at your edge, recorded at `recordedAt` (your clock, passed in). */
  const handle = (json: string, recordedAt: string): string => {
    const command = parseCommand(JSON.parse(json));
    if (E.isLeft(command)) return `${command.left.code} at ${command.left.fields?.map((f) => f.path).join(', ')}`;
    const ctx: DecisionContext = { policy: referencePolicy, divisions: tree.right, recordedAt, actor };
    // A correction or a retry reads the stream's past; every other command is decided on the state alone.
    const given = householdDecider.needsHistory(command.right, state) ? householdDecider.withHistory(ctx, stream) : ctx;
    const decided = householdDecider.decide(command.right, state, given);
    if (E.isLeft(decided)) return `${decided.left.code} at ${decided.left.fields?.map((f) => f.path).join(', ')}`; // a refusal is a value
    const { occurredOn, commandId } = commandEnvelope(command.right, actor);
    for (const event of decided.right) {
      const meta = { eventId: `e${stream.length}`, occurredOn, ...(commandId ? { commandId } : {}) };
      stream.push({ event, meta }); // your store appends here, at the version the state was folded to
      state = householdDecider.evolve(state, event, meta);
    }
    return decided.right.length === 0 ? 'unchanged' : decided.right.map((e) => e.type).join(', ');
  };
  return { handle, status: () => state.status, statusOn: (date: string) => stateAsOf(stream, date).state.status };
};
