import type { DecisionContext, HouseholdCommand } from '@hearth/domain';
import { c, member } from './commands';
import { policy, region } from './region';

/**
 * The reference policy with a three-day back-dating allowance (domain.md §4: "by more than
 * the policy's back-dating allowance"), so that e6's clearance can be dated a day before an
 * event keyed earlier. No other household dates anything backwards, so for them this is the
 * reference policy: the same cutoff, shares and follow-up interval.
 */
export const edgesContext: DecisionContext = { policy: { ...policy, backdatingAllowanceDays: 3 }, divisions: region };

/**
 * Twelve households written by hand to sit on the edges of the report definitions (domain.md §5);
 * the figures are worked out in hand-worked-edges.spec.ts. Every member but e12's is born
 * 1980–1994, so working age throughout 2016–2017; every survey says full capacity and willing.
 *
 * e1  V1  identified 2016-07-31 (on the cutoff), cleared 12-05, concern raised 12-10, resolved 12-31
 * e2  V1  identified 2016-08-01 (the day after), cleared 12-05, concern raised 12-10, resolved 2017-01-01
 * e3  V2  identified 2016-01-31, cleared 02-01, job quit 02-10, relapsed 02-15, cleared again 02-29
 * e4  V2  identified 2016-03-01, cleared 06-30, relapsed 09-01, cleared 11-30, relapsed 12-31, cleared 2017-01-01
 * e5  V3  two members; identified 03-15, m1 referred twice (one declined) and m2 once in April, withdrew 05-31
 * e6  V3  identified 01-10, employed 01-25, January income keyed 02-01, then clearance dated 01-31
 *         (back-dated a day, keyed after the income); withdrew from `cleared` 05-20
 * e7  V4  applied, exempted 05-10 (never identified), deregistered 05-20 (from `exempted`)
 * e8  V4  identified 2016-02-29, referred 04-15, deregistered 05-31 (from `identified`)
 * e9  V4  identified 01-20, employed 02-15, cleared 03-01, a second job of the same member 04-01;
 *         December incomes of both jobs
 * e10 V4  identified 04-30, exempted 05-01 (from `identified`), keyed 31 days later
 * e11 V2  identified and withdrew on the same day, 2016-10-31, the last of the month; the withdrawal keyed 30 days later
 * e12 V3  m1 born 1957 (59 in 2016, 60 in 2017) and m2 born 2001 (15, then 16); identified 2016-12-01
 */
export const edgeHouseholds: readonly (readonly HouseholdCommand[])[] = [
  [
    c.register('e1', '2016-01-05', 'V1', [['m1', 1990]]),
    c.survey('e1', '2016-01-06', member('m1', 'full', true)),
    c.apply('e1', '2016-01-07'),
    c.identify('e1', '2016-07-31'),
    c.employ('e1', '2016-12-01', 'ja', 'flexible', 'local', 1000),
    c.clear('e1', '2016-12-05'),
    c.followUp('e1', '2016-12-10', 'v1', ['excessive-hours']),
    c.income('e1', '2016-12-31', 'ja', '2016-12', 1000),
    c.resolve('e1', '2016-12-31', 'v1'),
  ],
  [
    c.register('e2', '2016-01-05', 'V1', [['m1', 1990]]),
    c.survey('e2', '2016-01-06', member('m1', 'full', true)),
    c.apply('e2', '2016-01-07'),
    c.identify('e2', '2016-08-01'),
    c.employ('e2', '2016-12-01', 'ja', 'enterprise', 'local', 1400),
    c.clear('e2', '2016-12-05'),
    c.followUp('e2', '2016-12-10', 'v1', ['debt']),
    c.income('e2', '2017-01-01', 'ja', '2016-12', 1400.6),
    c.resolve('e2', '2017-01-01', 'v1'),
  ],
  [
    c.register('e3', '2016-01-02', 'V2', [['m1', 1985]]),
    c.survey('e3', '2016-01-03', member('m1', 'full', true)),
    c.apply('e3', '2016-01-04'),
    c.identify('e3', '2016-01-31'),
    c.employ('e3', '2016-02-01', 'ja', 'enterprise', 'local', 1200),
    c.clear('e3', '2016-02-01'),
    c.endEmployment('e3', '2016-02-10', 'ja', 'quit'),
    c.relapse('e3', '2016-02-15'),
    c.employ('e3', '2016-02-29', 'jb', 'self-employed', 'local', 800),
    c.clear('e3', '2016-02-29'),
  ],
  [
    c.register('e4', '2016-02-01', 'V2', [['m1', 1980]]),
    c.survey('e4', '2016-02-02', member('m1', 'full', true)),
    c.apply('e4', '2016-02-03'),
    c.identify('e4', '2016-03-01'),
    c.employ('e4', '2016-03-10', 'ja', 'assisted', 'in-region', 1100),
    c.clear('e4', '2016-06-30'),
    c.endEmployment('e4', '2016-08-31', 'ja', 'contract-ended'),
    c.relapse('e4', '2016-09-01'),
    c.employ('e4', '2016-11-01', 'jb', 'flexible', 'local', 1300),
    c.clear('e4', '2016-11-30'),
    c.endEmployment('e4', '2016-12-20', 'jb', 'seasonal-end'),
    c.relapse('e4', '2016-12-31'),
    c.employ('e4', '2017-01-01', 'jc', 'enterprise', 'local', 1500),
    c.clear('e4', '2017-01-01'),
  ],
  [
    c.register('e5', '2016-01-05', 'V3', [['m1', 1992], ['m2', 1994]]),
    c.survey('e5', '2016-01-06', member('m1', 'full', true), member('m2', 'full', true)),
    c.apply('e5', '2016-01-07'),
    c.identify('e5', '2016-03-15'),
    c.refer('e5', '2016-04-01', 'r1'),
    c.declineReferral('e5', '2016-04-02', 'r1'),
    c.refer('e5', '2016-04-30', 'r2'),
    c.refer('e5', '2016-04-30', 'r3', 'm2'),
    c.withdraw('e5', '2016-05-31'),
  ],
  [
    c.register('e6', '2016-01-05', 'V3', [['m1', 1990]]),
    c.survey('e6', '2016-01-06', member('m1', 'full', true)),
    c.apply('e6', '2016-01-07'),
    c.identify('e6', '2016-01-10'),
    c.employ('e6', '2016-01-25', 'ja', 'enterprise', 'in-region', 1500),
    c.income('e6', '2016-02-01', 'ja', '2016-01', 1500),
    { ...c.clear('e6', '2016-01-31'), note: 'keyed after the income' },
    c.withdraw('e6', '2016-05-20'),
  ],
  [
    c.register('e7', '2016-01-05', 'V4', [['m1', 1990]]),
    c.survey('e7', '2016-01-06', member('m1', 'full', true)),
    c.apply('e7', '2016-01-07'),
    c.exempt('e7', '2016-05-10'),
    c.deregister('e7', '2016-05-20'),
  ],
  [
    c.register('e8', '2016-01-05', 'V4', [['m1', 1990]]),
    c.survey('e8', '2016-01-06', member('m1', 'full', true)),
    c.apply('e8', '2016-01-07'),
    c.identify('e8', '2016-02-29'),
    c.refer('e8', '2016-04-15', 'r1'),
    c.deregister('e8', '2016-05-31'),
  ],
  [
    c.register('e9', '2016-01-05', 'V4', [['m1', 1990]]),
    c.survey('e9', '2016-01-06', member('m1', 'full', true)),
    c.apply('e9', '2016-01-07'),
    c.identify('e9', '2016-01-20'),
    c.employ('e9', '2016-02-15', 'ja', 'enterprise', 'local', 700),
    c.clear('e9', '2016-03-01'),
    c.employ('e9', '2016-04-01', 'jb', 'flexible', 'local', 2000),
    c.income('e9', '2017-01-03', 'ja', '2016-12', 700),
    c.income('e9', '2017-01-03', 'jb', '2016-12', 2000),
  ],
  [
    c.register('e10', '2016-01-05', 'V4', [['m1', 1990]]),
    c.survey('e10', '2016-01-06', member('m1', 'full', true)),
    c.apply('e10', '2016-01-07'),
    c.identify('e10', '2016-04-30'),
    { ...c.exempt('e10', '2016-05-01'), note: 'keyed 31 days later' },
  ],
  [
    c.register('e11', '2016-09-01', 'V2', [['m1', 1990]]),
    c.survey('e11', '2016-09-02', member('m1', 'full', true)),
    c.apply('e11', '2016-09-03'),
    c.identify('e11', '2016-10-31'),
    { ...c.withdraw('e11', '2016-10-31'), note: 'keyed 30 days later' },
  ],
  [
    c.register('e12', '2016-11-01', 'V3', [['m1', 1957], ['m2', 2001]]),
    c.survey('e12', '2016-11-02', member('m1', 'full', true), member('m2', 'full', true)),
    c.apply('e12', '2016-11-03'),
    c.identify('e12', '2016-12-01'),
  ],
];

/**
 * When each command was keyed: noon of its business date, except e6's back-dated clearance
 * (three hours after the income dated 02-01) and two late recordings on either side of the
 * 30 days after which verifyLog gives a notice (policy.lateRecordingDays).
 */
const keyedLate: Readonly<Record<string, string>> = {
  'keyed after the income': '2016-02-01T15:00:00.000Z',
  'keyed 30 days later': '2016-11-30T23:59:00.000Z',
  'keyed 31 days later': '2016-06-01T00:00:00.000Z',
};

export const edgesRecordedAt = (cmd: HouseholdCommand): string => keyedLate[cmd.note ?? ''] ?? `${cmd.on}T12:00:00.000Z`;
