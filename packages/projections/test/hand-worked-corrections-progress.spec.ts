import { agreedOn, answerByTwoStores, type AnsweredByTwoStores } from './support/answered-by-two-stores';
import { correctedHouseholds } from './support/hand-worked-corrections';
import { context } from './support/region';
import { noEndings as reasons, noForms as forms, noPlaces as places, noTrainings as zero, nothingInMonth as nothing } from './support/empty-progress';

/**
 * The monthly progress table over the corrected households (support/hand-worked-corrections.ts):
 * each figure asked of the three implementations, which must agree, and compared with the one
 * worked out by hand. domain.md §5 counts an event in the month of its business date, and
 * decision 5 folds a correction "as if the event had been recorded with the amended data": so a
 * correction moves the month of the event it amends, and the month it is recorded in not at all.
 */
describe('a hand-worked region of corrections: the monthly progress table', () => {
  let answered: AnsweredByTwoStores;
  beforeAll(async () => {
    answered = await answerByTwoStores(correctedHouseholds.flat(), context);
  });
  afterAll(() => answered.close());

  const progress = (month: string, division = 'R') => agreedOn(answered, (r) => r.progressReport({ month, division }));

  it('counts an employment by its corrected form and place in the month it started', () => {
    // started: k7 assisted/local 02-01; k4 02-15, enterprise/local corrected (on 04-20) to flexible/out-of-region
    // (uncorrected: enterprise 1, assisted 1, local 2)
    // eligible at 02-29: k1 2 + k2 2 + k3 1 + k4 k5 k6 k7 1 each = 9 (employed members are still eligible)
    expect(progress('2016-02')).toEqual({
      ...nothing, division: 'R', month: '2016-02', eligibleMembers: 9,
      employmentsStartedByForm: { ...forms, flexible: 1, assisted: 1 }, employmentsStartedByPlace: { ...places, 'out-of-region': 1, local: 1 },
    });
  });

  it('counts trainings by their corrected kind, and eligible members by the corrected survey, in March', () => {
    // k1's survey of 03-01 says m2 has no capacity; corrected (05-10) to partial and willing: m2 stays eligible
    // eligible at 03-31: k1 2 + k2 2 + k3 1 + k4..k7 4 = 9 (uncorrected: 8); surveyed in March: k1's 2 members
    // trainings: k5 t1 offered 03-01, vocational corrected (04-10) to language;
    //   t2 entrepreneurship offered 03-02, declined 03-03
    // started: k6 enterprise/in-region 03-01
    // March incomes: k7 900, k4 1000, k6 1500 → 1600 (05-01) → 1550 (2017-02-01): the latest correction wins
    //   median of 900, 1000, 1550 = 1000; mean = (900 + 1000 + 1550) / 3 = 3450 / 3 = 1150
    //   (with 1600: mean 3500 / 3 = 1166.67; uncorrected: 3400 / 3 = 1133.33)
    expect(progress('2016-03')).toEqual({
      ...nothing, division: 'R', month: '2016-03', membersSurveyed: 2, eligibleMembers: 9,
      trainingsOffered: { ...zero, language: 1, entrepreneurship: 1 },
      trainingsDeclined: { ...zero, entrepreneurship: 1 },
      employmentsStartedByForm: { ...forms, enterprise: 1 }, employmentsStartedByPlace: { ...places, 'in-region': 1 },
      incomeRecords: 3, medianMonthlyIncome: 1000, meanMonthlyIncome: 1150,
    });
  });

  it('counts an ending by its corrected reason, and nothing for the employment corrected that month', () => {
    // ended: k7 ja 04-30, "quit" corrected (2017-01-15) to contract-ended
    // k4's correction is recorded on 04-20 but its employment started in February: no start in April;
    // k5's t1 corrected on 04-10 (offered in March, counted there) and accepted 04-15 as language
    // k2 surveyed again 04-01 (2 members), the survey corrected on 06-15 so that m2 has no capacity and is unwilling
    // eligible at 04-30: k1 2 + k2 1 + k3 1 + k4..k7 4 = 8 (uncorrected: 9, k2's m2 willing)
    expect(progress('2016-04')).toEqual({
      ...nothing, division: 'R', month: '2016-04', membersSurveyed: 2, eligibleMembers: 8, trainingsAccepted: { ...zero, language: 1 },
      employmentsEndedByReason: { ...reasons, 'contract-ended': 1 },
    });
  });

  it('counts a completed training by its offer\'s corrected kind, and nothing for the months corrections were recorded in', () => {
    // May: k5 t1 completed 05-20 (kind corrected to language); k1 m2 referred 05-20 (eligible by the corrected survey)
    //   k6's first income correction (05-01) and k1's survey correction (05-10) add no record: eligible 8
    expect(progress('2016-05')).toEqual({
      ...nothing, division: 'R', month: '2016-05', eligibleMembers: 8,
      trainingsCompleted: { ...zero, language: 1 }, referralsMade: 1, membersReferred: 1,
    });
    // June: only the corrections of k3 (06-01) and k2 (06-15) are dated in it
    expect(progress('2016-06')).toEqual({ ...nothing, division: 'R', month: '2016-06', eligibleMembers: 8 });
  });

  it('counts a member of working age in 2017 by the corrected birth year', () => {
    // V2 = k3 + k4. k3's m1: 2017 − 1958 = 59 as corrected, in 16..59 (as registered, 2017 − 1957 = 60, out);
    // k4's m1 (born 1990): eligible at 01-31 = 2 (uncorrected: 1)
    expect(progress('2017-01', 'V2')).toEqual({ ...nothing, division: 'V2', month: '2017-01', eligibleMembers: 2 });
    // In 2016 m1 is of working age either way (58 or 59): V2 has 2 eligible in December too
    expect(progress('2016-12', 'V2')).toEqual({ ...nothing, division: 'V2', month: '2016-12', eligibleMembers: 2 });
  });

  it('leaves the months in which corrections of earlier years were recorded unchanged', () => {
    // January 2017: k7's ending-reason correction (of an April 2016 event); February 2017: k6's second income correction
    // eligible: k1 2 + k2 1 + k3 1 + k4..k7 4 = 8 both months; no income record for 2017-01 or 2017-02
    expect(progress('2017-01')).toEqual({ ...nothing, division: 'R', month: '2017-01', eligibleMembers: 8 });
    expect(progress('2017-02')).toEqual({ ...nothing, division: 'R', month: '2017-02', eligibleMembers: 8 });
  });
});
