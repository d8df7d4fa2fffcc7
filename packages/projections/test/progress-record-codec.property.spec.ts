import fc from 'fast-check';
import type { Status } from '@hearth/domain';
import type { BacklogEntry } from '../src/projections/backlog-activity';
import type { ActivityEntry, HouseholdProgress } from '../src/projections/household-progress';
import type { MemberEntry } from '../src/projections/member-facts';
import { backlogStandingAt, latestDateOf } from '../src/projections/backlog-standing';
import { decodeBacklogHead, decodeProgress, decodeProgressHead, encodeProgress } from '../src/projections/progress-record-codec';

/** Dates as the log holds them, and any other text (kept as text), near each other or not. */
const date = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`) },
  { weight: 1, arbitrary: fc.constantFrom('0001-01-01', '9999-12-31', '2016-3-9', '20160309', '2016-03-09T00:00', '') },
);
/** Positions up to the full region's log and beyond, in any order (a correction re-adds an old position). */
const position = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 2 ** 40 }));
/** Seeded strings, ids like the generator's, and text with dots, non-ASCII characters or nothing at all. */
const text = fc.oneof(
  fc.constantFrom('m1', 'm2', 'surveyed', 'cleared', 'HouseholdRegistered', 'partial', 'P01C05T05V01', 'income', 'member.surveyed'),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('ŝ.é', '__proto__', 'a.b.c', '.', 'x.', '.y'),
);
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

const progress: fc.Arbitrary<HouseholdProgress> = fc.record({
  t: fc.record({
    villages: fc.array(fc.tuple(position, date, text), { maxLength: 4 }),
    statuses: fc.array(fc.tuple(position, date, text, status, status), { maxLength: 8 }),
    concerns: fc.dictionary(text, fc.tuple(fc.option(date, { nil: null }), fc.option(date, { nil: null })), { maxKeys: 3, noNullPrototype: true }),
  }, { noNullPrototype: true }),
  members: entries(member),
  activity: entries(activity),
  backlog: entries(backlogEntry),
}, { noNullPrototype: true });

describe('a household progress record packed (decision 82)', () => {
  it('unpacks to the record it was packed from, entries in the same order', () => {
    fc.assert(
      fc.property(progress, (p) => {
        const packed = encodeProgress(p);
        expect(decodeProgress(packed)).toStrictEqual(p);
        // The same record packs to the same bytes (the read models' rows compare equal after a rebuild).
        expect(encodeProgress(decodeProgress(packed)).equals(packed)).toBe(true);
        // What the reports read (decision 110): the same record but its activity.
        const { activity: _, ...head } = p;
        expect(decodeProgressHead(packed)).toStrictEqual(head);
      }),
      { numRuns: 500 },
    );
  });

  it('packs a record to the same bytes whatever was packed before it (the string numbers kept between records, decision 101)', () => {
    fc.assert(
      fc.property(progress, fc.array(progress, { minLength: 1, maxLength: 5 }), (p, others) => {
        const alone = encodeProgress(p);
        for (const o of others) encodeProgress(o);
        expect(encodeProgress(p).equals(alone)).toBe(true);
        expect(decodeProgress(encodeProgress(p))).toStrictEqual(p);
      }),
      { numRuns: 200 },
    );
  });

  it('packs a record to the same bytes after more distinct strings than the packer keeps numbered', () => {
    const record = (ids: string[]): HouseholdProgress => ({
      t: { villages: [[1, '2016-03-09', 'P01C05T05V01']], statuses: [], concerns: {} },
      members: ids.map((id, i): MemberEntry => [2 + i, '2016-03-09', id, 1980, null, 0, 0]),
      activity: ids.map((id, i): ActivityEntry => [2 + i, 24194, `member.referred.${id}`]),
      backlog: ids.map((id, i): BacklogEntry => [2 + i, '2016-03-09', 'referral-made', id, `r-${id}`]),
    });
    const p = record(['m1', 'm2', 'x.y']);
    const before = encodeProgress(p);
    // 70 records of 1,000 ids never seen: past the 65,536 strings kept, the packer starts again from the seeded ones.
    for (let r = 0; r < 70; r++) encodeProgress(record(Array.from({ length: 1000 }, (_, i) => `r${r}-${i}`)));
    expect(encodeProgress(p).equals(before)).toBe(true);
    expect(decodeProgress(encodeProgress(p))).toStrictEqual(p);
  });

  it('packs a survey of five members into far fewer bytes than its JSON', () => {
    const members = ['m1', 'm2', 'm3', 'm4', 'm5'];
    const p: HouseholdProgress = {
      t: { villages: [[3059, '2016-03-09', 'P01C05T05V01']], statuses: [[3059, '2016-03-09', 'HouseholdRegistered', 'unregistered', 'registered'], [3060, '2016-03-29', 'HouseholdSurveyed', 'registered', 'surveyed']], concerns: {} },
      members: [...members.map((m, i): MemberEntry => [3059, '2016-03-09', m, 1960 + i, null, 0, 0]), ...members.map((m): MemberEntry => [3060, '2016-03-29', m, null, 'partial', 1, 0])],
      activity: members.map((m): ActivityEntry => [3060, 24194, `member.surveyed.${m}`]),
      backlog: [[3060, '2016-03-29', 'household-surveyed', null, null]],
    };
    const packed = encodeProgress(p);
    expect(decodeProgress(packed)).toStrictEqual(p);
    expect(packed.length).toBeLessThan(JSON.stringify(p).length / 4);
  });

  it('refuses bytes it did not write, rather than making up a record', () => {
    const packed = encodeProgress({ t: { villages: [[1, '2016-03-09', 'V1']], statuses: [], concerns: {} }, members: [], activity: [], backlog: [] });
    expect(() => decodeProgress(packed.subarray(0, packed.length - 1))).toThrow(/truncated/);
    expect(() => decodeProgress(Buffer.concat([packed, Buffer.from([0])]))).toThrow(/after the end/);
    expect(() => decodeProgress(Buffer.from('{"t":{}}'))).toThrow(/unknown format/);
  });
});

describe("a record's backlog head (decision 113)", () => {
  it('is the latest date of its entries and its standing at the head, which is its standing at the end of that date or any later one', () => {
    fc.assert(
      fc.property(progress, fc.string({ maxLength: 3 }), date, (p, later, other) => {
        const head = decodeBacklogHead(encodeProgress(p));
        expect(head).toStrictEqual({ latestOn: latestDateOf(p), standing: backlogStandingAt(p) });
        // Any text that sorts at or after the latest date: the backlog reads the head alone there.
        const after = `${head.latestOn ?? ''}${later}`;
        expect(backlogStandingAt(p, after)).toStrictEqual(head.standing);
        // Before it, the standing counts only what is dated on or before the date.
        const upTo = { ...p, t: { ...p.t, statuses: p.t.statuses.filter((c) => c[1] <= other) }, backlog: p.backlog.filter((b) => b[1] <= other) };
        expect(backlogStandingAt(p, other)).toStrictEqual(backlogStandingAt(upTo));
      }),
      { numRuns: 500 },
    );
  });

  it('names the status last changed in log order, the first registration and the latest identification and clearance', () => {
    const p: HouseholdProgress = {
      t: {
        villages: [[1, '2016-01-04', 'V1']],
        statuses: [
          [1, '2016-01-04', 'HouseholdRegistered', 'unregistered', 'registered'],
          [9, '2016-05-01', 'HouseholdCleared', 'identified', 'cleared'],
          [5, '2016-03-01', 'HouseholdIdentified', 'applied', 'identified'],
          [12, '2016-09-01', 'HouseholdRelapsed', 'cleared', 'identified'],
          [14, '2016-04-01', 'HouseholdCleared', 'identified', 'cleared'],
        ],
        concerns: {},
      },
      members: [[1, '2016-01-04', 'm1', 1980, null, null, 0]],
      activity: [],
      backlog: [
        [2, '2016-02-01', 'household-surveyed', null, null],
        [10, '2016-06-01', 'follow-up', null, 'v1'],
        [3, '2016-02-01', 'household-surveyed', null, null],
        [11, '2016-05-20', 'follow-up', null, 'v2'],
      ],
    };
    expect(latestDateOf(p)).toBe('2016-09-01');
    expect(backlogStandingAt(p)).toStrictEqual({
      status: 'cleared', registeredOn: '2016-01-04', identifiedOn: '2016-03-01', clearedOn: '2016-05-01',
      lastVisitOn: '2016-05-20', lastSurveyOn: '2016-02-01', surveyedOn: ['2016-02-01'],
    });
    expect(backlogStandingAt(p, '2016-04-30')).toStrictEqual({
      status: 'cleared', registeredOn: '2016-01-04', identifiedOn: '2016-03-01', clearedOn: '2016-04-01',
      lastVisitOn: null, lastSurveyOn: '2016-02-01', surveyedOn: ['2016-02-01'],
    });
  });
});
