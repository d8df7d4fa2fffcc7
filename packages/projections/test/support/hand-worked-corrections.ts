import type { HouseholdCommand, SurveyedMember } from '@hearth/domain';
import { c, member } from './commands';

/** m2 of k2 as the April survey should have read: disabled, no capacity, not looking for work. */
const unableToWork = (memberId: string): SurveyedMember => ({ ...member(memberId, 'none', false), health: 'disabled' });

/**
 * Seven households written by hand around corrections (domain.md §4 `CorrectEvent`, decision 5):
 * each amends a fact dated earlier, most of them recorded in a later month or year. Every
 * member is born 1985–1990 (working age throughout) unless said; every survey says full
 * capacity and willing unless said; all are identified on 2016-01-10 and none leaves the
 * programme. The reference policy and region (support/region.ts).
 *
 * k1 V1 m1, m2; surveyed again 03-01 with m2 "no capacity, not willing"; on 05-10 that survey is
 *        corrected (m2: partial capacity, willing), and m2 is referred on 05-20
 * k2 V1 m1, m2; surveyed again 04-01 (both willing); on 06-15 that survey is corrected (m2 disabled,
 *        no capacity, not willing)
 * k3 V2 m1 registered as born 1957 (59 in 2016, 60 in 2017); on 06-01 corrected to 1958 (59 in 2017)
 * k4 V2 employed 02-15 enterprise/local, March income 1000; on 04-20 the employment corrected to
 *        flexible/out-of-region
 * k5 V3 offered t1 vocational 03-01 and t2 entrepreneurship 03-02 (declined 03-03); on 04-10 t1's
 *        kind corrected to language, then t1 accepted 04-15 and completed 05-20 (once accepted, the
 *        kind is copied into the acceptance and a correction of the offer is refused: see
 *        hand-worked-corrections-refused.spec.ts)
 * k6 V3 employed 03-01, cleared 03-10, March income 1500; corrected to 1600 on 05-01 and again,
 *        the same income event, to 1550 on 2017-02-01
 * k7 V4 employed 02-01 assisted/local, cleared 02-10, March income 900, job ended 04-30 "quit",
 *        relapsed 05-02; on 2017-01-15 the reason corrected to contract-ended
 */
const opened = (h: string, divisionCode: string, members: [string, number][], ...surveyed: SurveyedMember[]): HouseholdCommand[] => [
  c.register(h, '2016-01-05', divisionCode, members),
  c.survey(h, '2016-01-06', ...surveyed),
  c.apply(h, '2016-01-07'),
  c.identify(h, '2016-01-10'),
];

export const correctedHouseholds: readonly (readonly HouseholdCommand[])[] = [
  [
    ...opened('k1', 'V1', [['m1', 1985], ['m2', 1990]], member('m1', 'full', true), member('m2', 'full', true)),
    c.survey('k1', '2016-03-01', member('m1', 'full', true), member('m2', 'none', false)),
    c.correct('k1', '2016-05-10', '@HouseholdSurveyed#1', { members: [member('m1', 'full', true), member('m2', 'partial', true)] }),
    c.refer('k1', '2016-05-20', 'r1', 'm2'),
  ],
  [
    ...opened('k2', 'V1', [['m1', 1986], ['m2', 1988]], member('m1', 'full', true), member('m2', 'full', true)),
    c.survey('k2', '2016-04-01', member('m1', 'full', true), member('m2', 'full', true)),
    c.correct('k2', '2016-06-15', '@HouseholdSurveyed#1', { members: [member('m1', 'full', true), unableToWork('m2')] }),
  ],
  [
    ...opened('k3', 'V2', [['m1', 1957]], member('m1', 'full', true)),
    c.correct('k3', '2016-06-01', '@HouseholdRegistered#0', { members: [{ memberId: 'm1', birthYear: 1958 }] }),
  ],
  [
    ...opened('k4', 'V2', [['m1', 1990]], member('m1', 'full', true)),
    c.employ('k4', '2016-02-15', 'ja', 'enterprise', 'local', 1200),
    c.income('k4', '2016-04-02', 'ja', '2016-03', 1000),
    c.correct('k4', '2016-04-20', '@MemberEmployed#0', { form: 'flexible', place: 'out-of-region' }),
  ],
  [
    ...opened('k5', 'V3', [['m1', 1990]], member('m1', 'full', true)),
    c.offerTraining('k5', '2016-03-01', 't1', 'vocational'),
    c.offerTraining('k5', '2016-03-02', 't2', 'entrepreneurship'),
    c.declineTraining('k5', '2016-03-03', 't2'),
    c.correct('k5', '2016-04-10', '@TrainingOffered#0', { kind: 'language' }),
    c.acceptTraining('k5', '2016-04-15', 't1'),
    c.completeTraining('k5', '2016-05-20', 't1'),
  ],
  [
    ...opened('k6', 'V3', [['m1', 1990]], member('m1', 'full', true)),
    c.employ('k6', '2016-03-01', 'ja', 'enterprise', 'in-region', 1500),
    c.clear('k6', '2016-03-10'),
    c.income('k6', '2016-04-05', 'ja', '2016-03', 1500),
    c.correct('k6', '2016-05-01', '@IncomeRecorded#0', { amount: 1600 }),
    c.correct('k6', '2017-02-01', '@IncomeRecorded#0', { amount: 1550 }),
  ],
  [
    ...opened('k7', 'V4', [['m1', 1990]], member('m1', 'full', true)),
    c.employ('k7', '2016-02-01', 'ja', 'assisted', 'local', 900),
    c.clear('k7', '2016-02-10'),
    c.income('k7', '2016-03-31', 'ja', '2016-03', 900),
    c.endEmployment('k7', '2016-04-30', 'ja', 'quit'),
    c.relapse('k7', '2016-05-02'),
    c.correct('k7', '2017-01-15', '@EmploymentEnded#0', { reason: 'contract-ended' }),
  ],
];
