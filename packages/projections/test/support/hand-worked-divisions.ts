import * as E from 'fp-ts/Either';
import { buildDivisionTree, type DecisionContext, divisionHistory, type DivisionTree, type HouseholdCommand, referencePolicy } from '@hearth/domain';
import { type EventStore, GENESIS_HASH, sealEvents } from '@hearth/event-store';
import { c, member } from './commands';

/**
 * A region with two counties (the "districts" of the audit), each with two or more
 * villages, on every level domain.md §2 names:
 *
 *   R > P1 > C1 > T1 > {V1, V2}
 *                 T2 > {V3}
 *            C2 > T3 > {V4, V5}
 *
 * Only one prefecture, so P1's figures must be R's; T2 has one village, so its figures must be V3's.
 */
const tree = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' as const },
  { code: 'P1', name: 'Prefecture', parentCode: 'R', level: 'prefecture' as const },
  { code: 'C1', name: 'County one', parentCode: 'P1', level: 'county' as const },
  { code: 'C2', name: 'County two', parentCode: 'P1', level: 'county' as const },
  { code: 'T1', name: 'Township one', parentCode: 'C1', level: 'township' as const },
  { code: 'T2', name: 'Township two', parentCode: 'C1', level: 'township' as const },
  { code: 'T3', name: 'Township three', parentCode: 'C2', level: 'township' as const },
  { code: 'V1', name: 'Village one', parentCode: 'T1', level: 'village' as const },
  { code: 'V2', name: 'Village two', parentCode: 'T1', level: 'village' as const },
  { code: 'V3', name: 'Village three', parentCode: 'T2', level: 'village' as const },
  { code: 'V4', name: 'Village four', parentCode: 'T3', level: 'village' as const },
  { code: 'V5', name: 'Village five', parentCode: 'T3', level: 'village' as const },
];

const built = (list: unknown, successors: Readonly<Record<string, string>> = {}): DivisionTree => {
  const t = buildDivisionTree(list, successors);
  if (E.isLeft(t)) throw new Error(`hand-worked divisions tree is invalid: ${JSON.stringify(t.left)}`);
  return t.right;
};

export const divisionsRegion: DivisionTree = built(tree);
export const divisionsContext: DecisionContext = { policy: referencePolicy, divisions: divisionsRegion };
export const DIVISION_TREE = tree;

const opened = (h: string, village: string, identifiedOn: string, ...born: [string, number][]): HouseholdCommand[] => [
  c.register(h, '2016-01-05', village, born),
  c.survey(h, '2016-01-06', ...born.map(([m]) => member(m, 'full', true))),
  // Those identified after the cutoff (c2, e2) apply on 08-01, so that their stream's dates keep to the year's order
  c.apply(h, identifiedOn < '2016-08-01' ? '2016-01-07' : '2016-08-01'),
  c.identify(h, identifiedOn),
];

/**
 * Eleven households written by hand (the figures are worked out in the
 * hand-worked-divisions-*.spec.ts files). All register on 2016-01-05 and are surveyed on
 * 01-06 with every member at full capacity and willing; every member is born 1980–1992, so
 * of working age in 2016 and 2017. Identified on the date given ("baseline" when on or
 * before the cutoff 2016-07-31). Member ids repeat across households (each household has
 * its own m1), as ids are unique only within a household (domain.md §4).
 *
 * a1 V1  identified 02-01; employed 05-01, cleared 05-10; its December income keyed 2017-01-05
 *        and its month corrected on 2017-02-01 to 2017-01 (a year boundary); surveyed 2017-02-10
 * a2 V1  m1, m2; identified 03-01; m1 referred 04-05 and 04-20, m2 04-06; m2 employed 09-01,
 *        cleared 09-15; concern raised 12-01, resolved 2017-03-01
 * b1 V2  identified 04-01; referred 04-10, declined 04-12; employed 06-01, cleared 06-20, job ended
 *        11-30, relapsed 12-05; employed 2017-04-01, cleared 2017-04-10
 * x1 V2→V4 registered in V2 by mistake; identified 05-01, employed 08-01, cleared 08-10; on
 *        2017-03-15 the registration's division corrected to V4 (another county)
 * c1 V3  identified 07-31 (the cutoff day); withdrew 10-10
 * c2 V3  m1, m2; identified 08-15 (not baseline); m1 employed 10-01, cleared 10-20; its October
 *        income of 900 corrected to 1000 on 2017-01-10
 * c3 V3  identified 06-01; nothing else: in the stock throughout
 * d1 V4  identified 01-15; employed 03-01, cleared 03-15, visited 06-01; surveyed 2017-02-20
 * d2 V4  identified 06-10; exempted 11-01
 * e1 V5  identified 02-20; referred 03-10, accepted, employed by that referral 03-20, cleared 04-01;
 *        dismissed 2017-02-15, relapsed 2017-02-20
 * e2 V5  identified 09-01 (not baseline); deregistered 12-15
 *
 * October 2016 incomes (keyed 11-02): a2 1500, b1 1200, x1 2500, c2 900 (→ 1000), d1 2000, e1 1600.
 */
export const divisionHouseholds: readonly (readonly HouseholdCommand[])[] = [
  [
    ...opened('a1', 'V1', '2016-02-01', ['m1', 1985]),
    c.employ('a1', '2016-05-01', 'ja', 'enterprise', 'local', 1800),
    c.clear('a1', '2016-05-10'),
    c.income('a1', '2016-06-01', 'ja', '2016-05', 1800),
    c.income('a1', '2017-01-05', 'ja', '2016-12', 1750),
    c.correct('a1', '2017-02-01', '@IncomeRecorded#1', { month: '2017-01' }),
    c.survey('a1', '2017-02-10', member('m1', 'full', true)),
  ],
  [
    ...opened('a2', 'V1', '2016-03-01', ['m1', 1980], ['m2', 1990]),
    c.refer('a2', '2016-04-05', 'r1', 'm1'),
    c.refer('a2', '2016-04-06', 'r2', 'm2'),
    c.refer('a2', '2016-04-20', 'r3', 'm1'),
    c.employ('a2', '2016-09-01', 'ja', 'flexible', 'in-region', 1500, undefined, 'm2'),
    c.clear('a2', '2016-09-15'),
    c.income('a2', '2016-11-02', 'ja', '2016-10', 1500),
    c.followUp('a2', '2016-12-01', 'v1', ['wages-withheld']),
    c.resolve('a2', '2017-03-01', 'v1'),
  ],
  [
    ...opened('b1', 'V2', '2016-04-01', ['m1', 1988]),
    c.refer('b1', '2016-04-10', 'r1'),
    c.declineReferral('b1', '2016-04-12', 'r1'),
    c.employ('b1', '2016-06-01', 'ja', 'assisted', 'local', 1200),
    c.clear('b1', '2016-06-20'),
    c.income('b1', '2016-11-02', 'ja', '2016-10', 1200),
    c.endEmployment('b1', '2016-11-30', 'ja', 'seasonal-end'),
    c.relapse('b1', '2016-12-05'),
    c.employ('b1', '2017-04-01', 'jb', 'enterprise', 'local', 1300),
    c.clear('b1', '2017-04-10'),
  ],
  [
    ...opened('x1', 'V2', '2016-05-01', ['m1', 1986]),
    c.employ('x1', '2016-08-01', 'ja', 'enterprise', 'out-of-region', 2500),
    c.clear('x1', '2016-08-10'),
    c.income('x1', '2016-09-01', 'ja', '2016-08', 2500),
    c.income('x1', '2016-11-02', 'ja', '2016-10', 2500),
    c.correct('x1', '2017-03-15', '@HouseholdRegistered#0', { divisionCode: 'V4' }),
  ],
  [
    ...opened('c1', 'V3', '2016-07-31', ['m1', 1984]),
    c.withdraw('c1', '2016-10-10'),
  ],
  [
    ...opened('c2', 'V3', '2016-08-15', ['m1', 1990], ['m2', 1992]),
    c.employ('c2', '2016-10-01', 'ja', 'self-employed', 'local', 900),
    c.clear('c2', '2016-10-20'),
    c.income('c2', '2016-11-02', 'ja', '2016-10', 900),
    c.correct('c2', '2017-01-10', '@IncomeRecorded#0', { amount: 1000 }),
  ],
  opened('c3', 'V3', '2016-06-01', ['m1', 1983]),
  [
    ...opened('d1', 'V4', '2016-01-15', ['m1', 1982]),
    c.employ('d1', '2016-03-01', 'ja', 'enterprise', 'in-region', 2000),
    c.clear('d1', '2016-03-15'),
    c.income('d1', '2016-04-01', 'ja', '2016-03', 2000),
    c.followUp('d1', '2016-06-01', 'v1'),
    c.income('d1', '2016-11-02', 'ja', '2016-10', 2000),
    c.income('d1', '2016-12-31', 'ja', '2016-12', 2100),
    c.survey('d1', '2017-02-20', member('m1', 'full', true)),
  ],
  [
    ...opened('d2', 'V4', '2016-06-10', ['m1', 1987]),
    c.exempt('d2', '2016-11-01'),
  ],
  [
    ...opened('e1', 'V5', '2016-02-20', ['m1', 1989]),
    c.refer('e1', '2016-03-10', 'r1'),
    c.acceptReferral('e1', '2016-03-12', 'r1'),
    c.employ('e1', '2016-03-20', 'ja', 'enterprise', 'local', 1600, 'r1'),
    c.clear('e1', '2016-04-01'),
    c.income('e1', '2016-05-02', 'ja', '2016-04', 1600),
    c.income('e1', '2016-11-02', 'ja', '2016-10', 1600),
    c.income('e1', '2017-02-01', 'ja', '2017-01', 1600),
    c.endEmployment('e1', '2017-02-15', 'ja', 'dismissed'),
    c.relapse('e1', '2017-02-20'),
  ],
  [
    ...opened('e2', 'V5', '2016-09-01', ['m1', 1985]),
    c.deregister('e2', '2016-12-15'),
  ],
];

/**
 * The reorganisation (docs/decisions/0015): from 2017-07-01 village V3 (township T2, county C1)
 * is replaced by V6 in township T3 of county C2. A code keeps its place for ever, so the village
 * that changes county gets a new code and V3 names it as successor; V3 and T2 stay in the tree of
 * every division ever recorded, which the reports roll up with.
 */
export const REORGANISED_ON = '2017-07-01';
const reorganisedTree = [
  ...tree.filter((d) => d.code !== 'V3' && d.code !== 'T2'),
  { code: 'V6', name: 'Village six', parentCode: 'T3', level: 'village' as const },
];
const successors = { V3: 'V6' };
export const reorganisedDivisions: DivisionTree = built(reorganisedTree, successors);

/** Records the reorganised tree in the `divisions` stream, in force from REORGANISED_ON: its log position. */
export const recordReorganisation = async (store: EventStore): Promise<number> => {
  const [event] = sealEvents(GENESIS_HASH, [{
    eventId: 'divisions-2017', type: 'DivisionTreeRecorded', data: { divisions: reorganisedTree, successors },
    metadata: { occurredOn: REORGANISED_ON, recordedAt: `${REORGANISED_ON}T12:00:00.000Z`, actor: 'admin', schemaVersion: 1 },
  }]);
  return (await store.appendToStream('divisions', event ? [event] : [], 'no_stream')).lastPosition;
};

/** The two trees as the ledger holds them, the second recorded at log position `at`: what decides commands after it. */
export const reorganisedContextAt = (at: number): DecisionContext => {
  const h = divisionHistory([
    { position: 0, occurredOn: '2016-01-01', divisions: tree },
    { position: at, occurredOn: REORGANISED_ON, divisions: reorganisedTree, successors },
  ]);
  if (E.isLeft(h)) throw new Error('reorganised history is invalid');
  return { policy: referencePolicy, divisions: reorganisedDivisions, divisionsAt: (p: number) => h.right.at(p) };
};

/** Every division ever recorded (V3 and T2 beside V6): what the reports are asked for and roll up with. */
export const everRecordedDivisions: DivisionTree = built([...tree, reorganisedTree[reorganisedTree.length - 1]]);

/** V3's three households move to V6 on the day (c1 withdrawn, c2 cleared, c3 in the stock: none deregistered). */
export const movesToV6: readonly HouseholdCommand[] = ['c1', 'c2', 'c3'].map((householdId): HouseholdCommand => ({ type: 'TransferHousehold', householdId, on: REORGANISED_ON, to: 'V6' }));

/** Before the move, a follow-up of c2 (cleared, in V3) raises a concern on 2017-05-01 that is never resolved. */
export const beforeTheMove: readonly HouseholdCommand[] = [c.followUp('c2', '2017-05-01', 'v1', ['isolation'])];

/**
 * After the move, c3 (in V6) is referred 2017-08-01, starts work 09-01 and is cleared 09-20; c2 (in V6)
 * keys its June 2017 income (950) on 07-05, and its October 2016 income (900, corrected to 1000 on
 * 2017-01-10) is corrected again, to 1100, on 08-15: both amend months in which c2 was still in V3.
 */
export const afterTheMove: readonly HouseholdCommand[] = [
  c.income('c2', '2017-07-05', 'ja', '2017-06', 950),
  c.correct('c2', '2017-08-15', '@IncomeRecorded#0', { amount: 1100 }),
  c.refer('c3', '2017-08-01', 'r1'),
  c.employ('c3', '2017-09-01', 'ja', 'enterprise', 'local', 1400),
  c.clear('c3', '2017-09-20'),
];
