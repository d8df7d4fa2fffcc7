import { decide, fold, type HouseholdCommand, referencePolicy, replayAnomalies } from '@hearth/domain';
import type { RecordedEvent } from '@hearth/event-store';
import { Ledger } from '../src';
import { factsOf, HH, hearthJson, storedStream, writeAuditStore } from './support/hand-worked-history';

/*
 * hh-audit was recorded under a thirty-day back-dating allowance. An auditor who verifies it
 * under the reference policy (no allowance: "`on` must be ≥ the latest business date in the
 * stream", domain.md §4) asks of every event whether "the Decider would not have produced [it]
 * from the history before it" (§5). Worked by hand, four events fail that test:
 * - the survey dated 03-18, recorded after the acceptance dated 03-20: BACKDATED;
 * - the two corrections: CorrectEvent replays the whole stream with the correction (decision 5),
 *   meets that survey, and is refused (INVALID_CORRECTION);
 * - the end of employment dated 09-30, recorded after the income's correction dated 10-10: the
 *   correction is an event of the stream with its own business date, so the latest business
 *   date before the end is 10-10, and the Decider refuses it (BACKDATED), as the first test
 *   shows of the live Decider itself.
 * The relapse of 11-20 is on or after every date before it.
 */

const SURVEY_OF_MARCH = 8;
const SURVEY_CORRECTION = 12;
const INCOME_CORRECTION = 16;
const LATE_END = 17;
const endOfEmployment = { type: 'EndEmployment', householdId: HH, on: '2016-09-30', employmentId: 'e1', reason: 'seasonal-end' } as HouseholdCommand;

describe('hh-audit verified under the reference policy, which it was not recorded under', () => {
  let store: Awaited<ReturnType<typeof writeAuditStore>>;
  let stream: readonly RecordedEvent[];
  let ledger: Ledger;
  beforeAll(async () => {
    store = await writeAuditStore();
    stream = await storedStream(store.storeUrl);
    ledger = await Ledger.open({ storeUrl: store.storeUrl, policy: referencePolicy });
  });
  afterAll(async () => {
    await ledger.close();
    store.cleanup();
  });

  it('the Decider, given the history before the late end of employment, refuses it: the income\'s correction is dated 10-10', () => {
    const decided = decide(endOfEmployment, fold(factsOf(stream.slice(0, LATE_END))), ledger.context());
    expect(decided).toMatchObject({ _tag: 'Left', left: { code: 'BACKDATED', message: expect.stringContaining('the stream\'s latest date is 2016-10-10') } });
  });

  it('the domain\'s replay lists the four events the Decider would not have produced', () => {
    const anomalies = replayAnomalies(factsOf(stream), HH, ledger.context(), decide);
    expect(anomalies.map((a) => [a.index, a.kind])).toEqual([
      [SURVEY_OF_MARCH, 'rejected'], [SURVEY_CORRECTION, 'rejected'], [INCOME_CORRECTION, 'rejected'], [LATE_END, 'rejected'],
    ]);
  });

  it('hearth verify, without the policy file, lists the same four and exits 5', () => {
    const { code, body } = hearthJson<{ anomalies: { position: number; kind: string }[] }>(store.storeUrl, undefined, ['verify']);
    expect(code).toBe(5);
    expect(body.anomalies.map((a) => [a.position, a.kind])).toEqual(
      [SURVEY_OF_MARCH, SURVEY_CORRECTION, INCOME_CORRECTION, LATE_END].map((i) => [(stream[i] as RecordedEvent).position, 'rejected']),
    );
  });
});
