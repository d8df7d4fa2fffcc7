import fc from 'fast-check';
import { STATUS_EVENTS, type Status } from '@hearth/domain';
import type { BacklogEntry } from '../../src/projections/backlog-activity';
import type { ActivityEntry, HouseholdProgress } from '../../src/projections/household-progress';
import type { MemberEntry } from '../../src/projections/member-facts';

/** Dates as the log holds them, and any other text (kept as text), near each other or not. */
export const date = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`) },
  { weight: 1, arbitrary: fc.constantFrom('0001-01-01', '9999-12-31', '2016-3-9', '20160309', '2016-03-09T00:00', '') },
);
/** Positions up to the full region's log and beyond, in any order (a correction re-adds an old position). */
const position = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 2 ** 40 }));
/** Seeded strings, ids like the generator's, and text with dots, non-ASCII characters or nothing at all. */
const text = fc.oneof(
  fc.constantFrom('m1', 'm2', 'surveyed', 'cleared', 'HouseholdRegistered', 'HouseholdSurveyed', 'partial', 'P01C05T05V01', 'income', 'member.surveyed'),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('ŝ.é', '__proto__', 'a.b.c', '.', 'x.', '.y'),
);
/** A status change's event: one of the status events (the standing reads registrations, identifications, relapses, clearances and surveys) or any text. */
const statusEvent = fc.oneof(fc.constantFrom(...STATUS_EVENTS), text);
const status = fc.constantFrom<Status>('unregistered', 'registered', 'surveyed', 'applied', 'identified', 'cleared', 'withdrawn', 'exempted', 'deregistered');
const nullableInt = fc.option(fc.integer({ min: -3000, max: 3000 }), { nil: null });

const member: fc.Arbitrary<MemberEntry> = fc.tuple(position, date, text, nullableInt, fc.option(text, { nil: null }), fc.option(fc.integer({ min: 0, max: 1 }), { nil: null }), fc.integer({ min: 0, max: 1 }));
const activity: fc.Arbitrary<ActivityEntry> = fc.tuple(position, fc.integer({ min: 0, max: 30_000 }), fc.oneof(text, fc.tuple(text, text).map(([a, b]) => `${a}.${b}`)));
const backlogEntry: fc.Arbitrary<BacklogEntry> = fc.tuple(
  position, date, fc.constantFrom('household-surveyed', 'referral-made', 'employment-started', 'employment-ended', 'follow-up'),
  fc.option(text, { nil: null }), fc.option(text, { nil: null }),
);
/** Runs of entries of one event (as `progressAfter` appends them) and entries alone. */
const entries = <E extends readonly [number, unknown, ...unknown[]]>(entry: fc.Arbitrary<E>): fc.Arbitrary<E[]> =>
  fc.array(fc.tuple(entry, fc.array(entry, { maxLength: 4 })).map(([first, rest]) => [first, ...rest.map((e) => [first[0], first[1], ...e.slice(2)] as unknown as E)]), { maxLength: 8 }).map((runs) => runs.flat());

/** Arbitrary household progress records (household-progress.ts), for the properties of what is stored of them. */
export const progress: fc.Arbitrary<HouseholdProgress> = fc.record({
  t: fc.record({
    villages: fc.array(fc.tuple(position, date, text), { maxLength: 4 }),
    statuses: fc.array(fc.tuple(position, date, statusEvent, status, status), { maxLength: 8 }),
    concerns: fc.dictionary(text, fc.tuple(fc.option(date, { nil: null }), fc.option(date, { nil: null })), { maxKeys: 3, noNullPrototype: true }),
  }, { noNullPrototype: true }),
  members: entries(member),
  activity: entries(activity),
  backlog: entries(backlogEntry),
}, { noNullPrototype: true });

