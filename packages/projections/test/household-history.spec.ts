import * as E from 'fp-ts/Either';
import type { HouseholdCommand } from '@hearth/domain';
import { InMemoryEventStore } from '@hearth/event-store';
import { householdHistory, isKnownAt, KNOWN_AT_FORMAT, parseKnownAt, type KnownAt } from '../src';
import { c, member } from './support/commands';
import { feed } from './support/feed';
import { context } from './support/region';

/*
 * The household history is bitemporal (docs/decisions/0154): `asOf` is business time, read as
 * the ledger knows it now (every correction applied, whatever its date); `knownAt` is
 * recording time, what the ledger held at that instant.
 */

/** A back-dated member needs an allowance: the policy's, as a deployment importing past records sets it. */
const lenient = { ...context, policy: { ...context.policy, backdatingAllowanceDays: 3650 } };

const knownAt = (text: string): KnownAt => {
  const parsed = parseKnownAt(text);
  if (E.isLeft(parsed)) throw new Error(parsed.left);
  return parsed.right;
};

/** Each command with the instant it was recorded at. */
const recordedFeed = async (store: InMemoryEventStore, commands: readonly (readonly [HouseholdCommand, string])[]): Promise<void> => {
  const at = new Map(commands.map(([command, recordedAt]) => [`${command.householdId} ${command.on}`, recordedAt]));
  await feed(store, commands.map(([command]) => command), lenient, { strict: true, recordedAt: (command) => at.get(`${command.householdId} ${command.on}`) as string });
};

const addMember = (h: string, on: string, memberId: string, birthYear: number): HouseholdCommand => ({ type: 'AddMember', householdId: h, on, memberId, birthYear }) as HouseholdCommand;

describe('householdHistory, bitemporal', () => {
  const store = new InMemoryEventStore();
  const surveyCorrection = { members: [member('m1', 'full', true), member('m2', 'full', true)] };

  beforeAll(async () => {
    await recordedFeed(store, [
      [c.register('h1', '2018-01-10', 'V1', [['m1', 1985], ['m2', 1990]]), '2018-01-10T09:00:00.000Z'],
      // Surveyed in 2019 as unable and unwilling: a data-entry error found in 2021.
      [c.survey('h1', '2019-03-01', member('m1', 'none', false), member('m2', 'full', true)), '2019-03-01T09:00:00.000Z'],
      [c.employ('h1', '2019-06-01', 'e1', 'flexible', 'local', 1800, undefined, 'm2'), '2019-06-01T09:00:00.000Z'],
      [c.correct('h1', '2021-06-15', '@HouseholdSurveyed#0', surveyCorrection), '2021-06-15T09:00:00.000Z'],
      // A member who joined in 2018, keyed in only in 2022.
      [addMember('h1', '2018-05-01', 'm3', 1995), '2022-02-01T09:00:00.000Z'],
      // Two corrections of one survey: the one recorded later is dated earlier, and it is the one that holds.
      [c.register('h2', '2018-01-10', 'V2', [['m1', 1985]]), '2018-01-10T09:00:00.000Z'],
      [c.survey('h2', '2019-03-01', member('m1', 'none', false)), '2019-03-01T09:00:00.000Z'],
      [c.correct('h2', '2021-06-15', '@HouseholdSurveyed#0', { members: [member('m1', 'full', true)] }), '2021-06-15T09:00:00.000Z'],
      [c.correct('h2', '2020-06-01', '@HouseholdSurveyed#0', { members: [member('m1', 'partial', true)] }), '2022-01-01T09:00:00.000Z'],
    ]);
  });

  const positions = async (h: string) => new Map((await householdHistory(store, h, undefined, lenient)).events.map((e) => [e.type, e.position]));
  const memberRows = (v: { members: readonly { memberId: string; laborCapacity: string | null; willing: boolean; eligible: boolean; employed: boolean }[] }) =>
    v.members.map((m) => [m.memberId, m.laborCapacity, m.willing, m.eligible, m.employed]);

  it('as of a date, reads each fact as corrected by a correction recorded and dated after it, and lists that correction', async () => {
    const at = await positions('h1');
    const v = await householdHistory(store, 'h1', '2020-12-31', lenient);
    // Eligibility read from the corrected survey: m1 was able and willing in 2020, whatever was keyed in 2019.
    expect(memberRows(v)).toEqual([
      ['m1', 'full', true, true, false],
      ['m2', 'full', true, true, true],
      ['m3', null, false, false, false],
    ]);
    expect(v.events.map((e) => e.type)).toEqual(['HouseholdRegistered', 'HouseholdSurveyed', 'MemberEmployed', 'MemberAdded']);
    expect(v.knownAt).toBeNull();
    expect(v.laterCorrections).toEqual([{
      position: at.get('EventCorrected'), occurredOn: '2021-06-15', recordedAt: '2021-06-15T09:00:00.000Z', actor: 'caseworker-1', note: null,
      correctedEventId: expect.any(String), correctedPosition: at.get('HouseholdSurveyed'), correctedType: 'HouseholdSurveyed',
      correction: surveyCorrection, reason: 'Data entry error',
    }]);
  });

  it('names each event by the id it is stored under: the id a CorrectEvent names, and a later correction\'s correctedEventId', async () => {
    const stored = await store.readStream('household-h1');
    const v = await householdHistory(store, 'h1', '2020-12-31', lenient);
    expect(v.events.map((e) => [e.position, e.eventId])).toEqual(stored.filter((r) => r.metadata.occurredOn <= '2020-12-31').map((r) => [r.position, r.eventId]));
    expect(v.laterCorrections).toHaveLength(1);
    const [later] = v.laterCorrections;
    expect(v.events.find((e) => e.position === later?.correctedPosition)?.eventId).toBe(later?.correctedEventId);
    // The correction names the survey by its id, which its own entry shows once the correction is dated in.
    const live = await householdHistory(store, 'h1', undefined, lenient);
    const correction = live.events.find((e) => e.type === 'EventCorrected');
    expect((correction?.data as { eventId: string }).eventId).toBe(live.events.find((e) => e.type === 'HouseholdSurveyed')?.eventId);
  });

  it('known at an instant, shows what the ledger said then: the survey uncorrected, the member not yet keyed in', async () => {
    const v = await householdHistory(store, 'h1', '2020-12-31', lenient, knownAt('2020-12-31'));
    expect(memberRows(v)).toEqual([
      ['m1', 'none', false, false, false],
      ['m2', 'full', true, true, true],
    ]);
    expect(v.events.map((e) => e.type)).toEqual(['HouseholdRegistered', 'HouseholdSurveyed', 'MemberEmployed']);
    expect(v.laterCorrections).toEqual([]);
    expect(v.knownAt).toBe('2020-12-31T23:59:59.999Z');
  });

  it('a back-dated event is in the household as of its date, but not in what the ledger knew before it was recorded', async () => {
    const now = await householdHistory(store, 'h1', '2019-12-31', lenient);
    const then = await householdHistory(store, 'h1', '2019-12-31', lenient, knownAt('2020-12-31'));
    expect(now.members.map((m) => m.memberId)).toEqual(['m1', 'm2', 'm3']);
    expect(now.events.map((e) => e.occurredOn)).toEqual(['2018-01-10', '2019-03-01', '2019-06-01', '2018-05-01']);
    expect(then.members.map((m) => m.memberId)).toEqual(['m1', 'm2']);
    expect(then.events.map((e) => e.occurredOn)).toEqual(['2018-01-10', '2019-03-01', '2019-06-01']);
  });

  it('known at alone: everything recorded by then, corrections recorded by then applied', async () => {
    const v = await householdHistory(store, 'h1', undefined, lenient, knownAt('2021-12-31'));
    expect(v.asOf).toBeNull();
    expect(v.events.map((e) => e.type)).toEqual(['HouseholdRegistered', 'HouseholdSurveyed', 'MemberEmployed', 'EventCorrected']);
    expect(memberRows(v)).toEqual([
      ['m1', 'full', true, true, false],
      ['m2', 'full', true, true, true],
    ]);
    expect(v.laterCorrections).toEqual([]);
  });

  it('a time with its zone is that instant: a correction recorded at 09:00 UTC is known at 17:00 in UTC+8, not a millisecond before', async () => {
    const at = await householdHistory(store, 'h1', undefined, lenient, knownAt('2021-06-15T17:00+08:00'));
    const before = await householdHistory(store, 'h1', undefined, lenient, knownAt('2021-06-15T16:59:59.999+08:00'));
    expect(at.knownAt).toBe('2021-06-15T09:00:00.000Z');
    expect(at.events.map((e) => e.type)).toContain('EventCorrected');
    expect(before.events.map((e) => e.type)).not.toContain('EventCorrected');
  });

  it('known before the household was recorded: unregistered, with no members and no events, and the whole stream still checked', async () => {
    const v = await householdHistory(store, 'h1', undefined, lenient, knownAt('2017-12-31'));
    expect(v).toMatchObject({ status: 'unregistered', members: [], events: [], laterCorrections: [], anomalies: [], divisionCode: 'V1' });
  });

  it('two corrections of one fact merge in the order they were recorded, whichever is dated after the date asked for', async () => {
    const asOf = await householdHistory(store, 'h2', '2020-12-31', lenient);
    const live = await householdHistory(store, 'h2', undefined, lenient);
    expect(memberRows(asOf)).toEqual([['m1', 'partial', true, true, false]]);
    expect(memberRows(live)).toEqual(memberRows(asOf));
    expect(asOf.events.map((e) => e.occurredOn)).toEqual(['2018-01-10', '2019-03-01', '2020-06-01']);
    expect(asOf.laterCorrections.map((l) => l.occurredOn)).toEqual(['2021-06-15']);
    // Known at 2021: only the first correction had been recorded.
    expect(memberRows(await householdHistory(store, 'h2', '2020-12-31', lenient, knownAt('2021-12-31')))).toEqual([['m1', 'full', true, true, false]]);
  });

  it('as of a date before a correction\'s target, the correction is neither applied nor listed', async () => {
    const v = await householdHistory(store, 'h1', '2018-12-31', lenient);
    expect(v.events.map((e) => e.type)).toEqual(['HouseholdRegistered', 'MemberAdded']);
    expect(v.laterCorrections).toEqual([]);
    expect(memberRows(v)).toEqual([['m1', null, false, false, false], ['m2', null, false, false, false], ['m3', null, false, false, false]]);
  });
});

describe('parseKnownAt', () => {
  it.each([
    ['2020-12-31', '2020-12-31T23:59:59.999Z'],
    ['2020-12-31T10:00Z', '2020-12-31T10:00:00.000Z'],
    ['2020-12-31T10:00:05.5Z', '2020-12-31T10:00:05.500Z'],
    ['2021-01-01T01:30:00+08:00', '2020-12-31T17:30:00.000Z'],
    ['2020-12-31T20:00:00.123-05:00', '2021-01-01T01:00:00.123Z'],
    // The offsets at the ends of the zones': Kiribati's Line Islands, and Baker Island.
    ['2021-01-01T14:00+14:00', '2021-01-01T00:00:00.000Z'],
    ['2020-12-31T12:00-12:00', '2021-01-01T00:00:00.000Z'],
  ])('reads %s as %s', (text, instant) => {
    expect(parseKnownAt(text)).toEqual(E.right({ instant, ms: Date.parse(instant) }));
  });

  it.each(['2020-02-30', '2020-12-31T10:00', '2020-12-31T10:00:00', '2020-12-31T24:00Z', '2020-12-31T10:60Z', '2020-12-31 10:00Z', '2020-12-31T10:00:00.1234Z', '2020-12-31T10:00+24:00', 'yesterday', '', '1601-01-01'])(
    'refuses %j, saying what it takes',
    (text) => {
      expect(parseKnownAt(text)).toEqual(E.left(expect.stringContaining('YYYY-MM-DDTHH:MM[:SS[.sss]] then Z or ±HH:MM')));
      expect(parseKnownAt(text)).toEqual(E.left(expect.stringContaining(JSON.stringify(text))));
    },
  );

  it.each(['2021-01-01T00:00+14:30', '2021-01-01T00:00+14:01', '2021-01-01T00:00-12:30', '2021-01-01T00:00+23:59', '2021-01-01T00:00-23:00'])(
    'refuses %j, whose UTC offset no zone has, saying the offsets zones have',
    (text) => {
      expect(parseKnownAt(text)).toEqual(E.left(`${JSON.stringify(text)} is not ${KNOWN_AT_FORMAT}: its UTC offset ${text.slice(-6)} is no zone's (they run from -12:00 to +14:00)`));
    },
  );
});

describe('isKnownAt: what an edge that read the text once may hand on', () => {
  it.each(['2020-12-31', '2021-01-01T01:30:00+08:00', '2020-12-31T20:00:00.123-05:00'])('holds for what parseKnownAt reads %s as', (text) => {
    expect(isKnownAt(knownAt(text))).toBe(true);
  });

  it.each([
    ['the text itself', '2020-12-31'],
    ['an instant not in UTC', { instant: '2020-12-31T23:59:59.999+00:00', ms: Date.parse('2020-12-31T23:59:59.999Z') }],
    ['milliseconds of another instant', { instant: '2020-12-31T23:59:59.999Z', ms: 0 }],
    ['no milliseconds', { instant: '2020-12-31T23:59:59.999Z' }],
    ['milliseconds past any date', { instant: '2020-12-31T23:59:59.999Z', ms: 1e20 }],
    ['nothing', null],
  ])('fails for %s', (_what, value) => {
    expect(isKnownAt(value)).toBe(false);
  });
});
