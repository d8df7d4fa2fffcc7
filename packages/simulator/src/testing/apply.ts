import {
  buildDivisionTree, DecisionContext, Division, DivisionTree, HouseholdCommand, householdDecider, HouseholdState, parseCommand,
  referencePolicy,
} from '@hearth/domain';

/** What applying a household's commands through the domain's Decider gave. */
export interface Applied {
  readonly accepted: number;
  readonly unchanged: number;
  readonly rejected: { readonly index: number; readonly type: string; readonly code: string; readonly message: string }[];
  readonly invalid: { readonly index: number; readonly message: string }[];
  /** Every status the household went through, in order (repeats kept). */
  readonly statuses: string[];
  /** Events appended, by type, with their business dates. */
  readonly events: { readonly type: string; readonly on: string }[];
  readonly final: HouseholdState;
}

export const divisionTree = (divisions: readonly Division[]): DivisionTree => {
  const tree = buildDivisionTree(JSON.parse(JSON.stringify(divisions)));
  if (tree._tag === 'Left') throw new Error(`invalid division tree: ${JSON.stringify(tree.left.slice(0, 3))}`);
  return tree.right;
};

/** Decodes each command from its JSON line (as an import would) and runs decide + evolve over it. */
export const applyHousehold = (commands: readonly HouseholdCommand[], divisions: DivisionTree): Applied => {
  const ctx: DecisionContext = { policy: referencePolicy, divisions };
  let state = householdDecider.initialState;
  let accepted = 0;
  let unchanged = 0;
  let seq = 0;
  const rejected: Applied['rejected'][number][] = [];
  const invalid: Applied['invalid'][number][] = [];
  const statuses: string[] = [];
  const events: Applied['events'][number][] = [];
  commands.forEach((raw, index) => {
    const parsed = parseCommand(JSON.parse(JSON.stringify(raw)));
    if (parsed._tag === 'Left') {
      invalid.push({ index, message: parsed.left.message });
      return;
    }
    const c = parsed.right;
    const decision = householdDecider.decide(c, state, ctx);
    if (decision._tag === 'Left') {
      rejected.push({ index, type: c.type, code: decision.left.code, message: decision.left.message });
      return;
    }
    if (decision.right.length === 0) unchanged++;
    else accepted++;
    decision.right.forEach((event, k) => {
      state = householdDecider.evolve(state, event, {
        eventId: `ev-${++seq}`,
        occurredOn: c.on,
        ...(k === 0 && c.commandId !== undefined ? { commandId: c.commandId } : {}),
      });
      events.push({ type: event.type, on: c.on });
      if (statuses[statuses.length - 1] !== state.status) statuses.push(state.status);
    });
  });
  return { accepted, unchanged, rejected, invalid, statuses, events, final: state };
};
