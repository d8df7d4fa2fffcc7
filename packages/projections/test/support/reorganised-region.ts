import * as E from 'fp-ts/Either';
import { buildDivisionTree, DecisionContext, divisionHistory, DivisionTree, HouseholdCommand } from '@hearth/domain';
import { GENESIS_HASH, sealEvents, type EventStore } from '@hearth/event-store';
import { policy, region } from './region';

/**
 * The test region reorganised (docs/decisions/0015): village V1 is replaced by V6 in a new
 * prefecture P2 (its households change prefecture, baseline and all), and V2 by V5 in the
 * same township.
 */
const reorganisedList = [
  ...region.all.filter((d) => d.code !== 'V1' && d.code !== 'V2'),
  { code: 'V5', name: 'Village five', parentCode: 'T1', level: 'village' as const },
  { code: 'P2', name: 'Prefecture two', parentCode: 'R', level: 'prefecture' as const },
  { code: 'C3', name: 'County three', parentCode: 'P2', level: 'county' as const },
  { code: 'T4', name: 'Township four', parentCode: 'C3', level: 'township' as const },
  { code: 'V6', name: 'Village six', parentCode: 'T4', level: 'village' as const },
];
export const SUCCESSORS = { V1: 'V6', V2: 'V5' } as const;

/** A command recorded after the reorganisation: a registration in a replaced village names its successor instead. */
export const underSuccessor = (c: HouseholdCommand): HouseholdCommand =>
  c.type === 'RegisterHousehold' && c.divisionCode in SUCCESSORS ? { ...c, divisionCode: SUCCESSORS[c.divisionCode as keyof typeof SUCCESSORS] } : c;

/** Each household asked to move to both successors on `on`: the decider accepts the move from the village it is in and refuses the other. */
export const transfersAt = (households: readonly string[], on: string): HouseholdCommand[] =>
  households.flatMap((householdId) => Object.values(SUCCESSORS).map((to): HouseholdCommand => ({ type: 'TransferHousehold', householdId, on, to })));

const built = buildDivisionTree(reorganisedList, SUCCESSORS);
if (E.isLeft(built)) throw new Error('reorganised test region is invalid');
export const reorganised: DivisionTree = built.right;

/** The two trees as a ledger records them: the reorganised one at log position `at`. */
export const historyWithReorganisationAt = (at: number) => {
  const h = divisionHistory([
    { position: 0, occurredOn: '2016-01-01', divisions: region.all },
    { position: at, occurredOn: '2016-01-01', divisions: reorganisedList, successors: SUCCESSORS },
  ]);
  if (E.isLeft(h)) throw new Error('reorganised history is invalid');
  return h.right;
};

export const REORGANISED_TREE_DATA = { divisions: reorganisedList, successors: SUCCESSORS };

/** Records the reorganised tree in the log, in force from `on`: its position, for `historyWithReorganisationAt`. */
export const recordTree = async (store: EventStore, on: string, recordedAt: string): Promise<number> => {
  const [event] = sealEvents(GENESIS_HASH, [{ eventId: 'tree-2', type: 'DivisionTreeRecorded', data: REORGANISED_TREE_DATA, metadata: { occurredOn: on, recordedAt, actor: 'admin', schemaVersion: 1 } }]);
  return (await store.appendToStream('divisions', event ? [event] : [], 'no_stream')).lastPosition;
};

/** Every division ever recorded: what the reports are asked for and roll up with. */
export const everRecorded: DivisionTree = historyWithReorganisationAt(1).everRecorded as DivisionTree;
export const reorganisedContext: DecisionContext = { policy, divisions: reorganised };
export const everRecordedContext: DecisionContext = { policy, divisions: everRecorded };
