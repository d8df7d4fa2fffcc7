import { householdStream, type HouseholdCommand } from '@hearth/domain';
import { InMemoryEventStore } from '@hearth/event-store';
import { DirectReports, openProjections } from '../src';
import { c, member } from './support/commands';
import { feed } from './support/feed';
import { context } from './support/region';
import { noTrainings as zero } from './support/empty-progress';

/**
 * Decisions 5 and 174: a correction is replayed through the whole stream, and one after which a
 * later decision would not have been taken, or would have recorded other data than the stored
 * event, is refused (INVALID_CORRECTION); a rejected command
 * appends nothing (domain.md §4). k9 (V4, m1 born 1990) is identified 2016-01-10, employed
 * 02-01 (enterprise, local) and offered a vocational training on 02-03, which it accepts on 02-05.
 */
const k9: readonly HouseholdCommand[] = [
  c.register('k9', '2016-01-05', 'V4', [['m1', 1990]]),
  c.survey('k9', '2016-01-06', member('m1', 'full', true)),
  c.apply('k9', '2016-01-07'),
  c.identify('k9', '2016-01-10'),
  c.employ('k9', '2016-02-01', 'ja', 'enterprise', 'local', 1000),
  c.offerTraining('k9', '2016-02-03', 't1', 'vocational'),
  c.acceptTraining('k9', '2016-02-05', 't1'),
];

describe('a correction whose replay would break the history is refused and changes nothing', () => {
  let store: InMemoryEventStore;
  beforeEach(async () => {
    store = new InMemoryEventStore();
    await feed(store, k9, context, { strict: true });
  });
  afterEach(() => store.close());

  const attempt = async (correction: HouseholdCommand) => (await feed(store, [correction], context)).rejected.map((r) => r.error.code);
  const eventsInStream = async () => (await store.readStream(householdStream('k9'))).length;

  /** February's progress for V4 and the backlog of 03-01, from the direct fold and from read models caught up from scratch. */
  const figures = async () => {
    const direct = await DirectReports.load(store, context);
    const p = openProjections(store, context);
    await p.runner.catchUp();
    const ask = (r: Pick<DirectReports, 'progressReport' | 'backlogReport'>) =>
      ({ progress: r.progressReport({ month: '2016-02', division: 'V4' }), backlog: r.backlogReport({ asOf: '2016-03-01', division: 'V4' }) });
    const answer = ask(direct);
    expect(ask(p.reports)).toEqual(answer);
    await p.close();
    return answer;
  };

  // Worked by hand from k9 alone: m1 eligible at 02-29 (26 years old, full capacity, willing), one vocational training
  // offered and accepted, one enterprise job started locally; on 03-01 m1 works, so no referral is owed and the
  // household, identified with a job, is pending clearance.
  const asRecorded = (place: 'local' | 'in-region') => ({
    progress: expect.objectContaining({
      eligibleMembers: 1, trainingsOffered: { ...zero, vocational: 1 }, trainingsAccepted: { ...zero, vocational: 1 },
      employmentsStartedByForm: { enterprise: 1, flexible: 0, 'self-employed': 0, assisted: 0 },
      employmentsStartedByPlace: { local: 0, 'in-region': 0, 'out-of-region': 0, [place]: 1 },
    }),
    backlog: expect.objectContaining({ referralsOwed: [], clearancePending: [{ householdId: 'k9', divisionCode: 'V4', activeEmploymentIds: ['ja'] }] }),
  });

  it.each([
    // 2016 − 1950 = 66: m1 was never of working age, so neither the identification nor the employment would have been decided
    ['a birth year after which the employed member was never of working age', c.correct('k9', '2016-03-01', '@HouseholdRegistered#0', { members: [{ memberId: 'm1', birthYear: 1950 }] })],
    // with no capacity and unwilling m1 is not eligible: IdentifyHousehold would have been NO_ELIGIBLE_MEMBER
    ['a survey after which the household had no eligible member to be identified by', c.correct('k9', '2016-03-01', '@HouseholdSurveyed#0', { members: [member('m1', 'none', false)] })],
    // The acceptance copies the offer's kind (events.ts, trainingRef), so replayed it would record "language": a different
    // event, which the replay counts as an anomaly (decision 118). The acceptance would still have been decided, with
    // another kind; decision 174 refuses this too: once accepted, a training's kind cannot be corrected.
    ['a training kind copied into an acceptance already recorded', c.correct('k9', '2016-03-01', '@TrainingOffered#0', { kind: 'language' })],
  ])('refuses %s, appends nothing, and leaves every figure as recorded', async (_, correction) => {
    expect(await attempt(correction)).toEqual(['INVALID_CORRECTION']);
    expect(await eventsInStream()).toBe(k9.length);
    expect(await figures()).toEqual(asRecorded('local'));
  });

  it('accepts a correction that keeps the history, and the same figures move with it', async () => {
    // The control for the test above: the employment's place corrected from local to in-region is accepted,
    // appended, and February's started-by-place moves to in-region.
    expect(await attempt(c.correct('k9', '2016-03-01', '@MemberEmployed#0', { place: 'in-region' }))).toEqual([]);
    expect(await eventsInStream()).toBe(k9.length + 1);
    expect(await figures()).toEqual(asRecorded('in-region'));
  });
});
