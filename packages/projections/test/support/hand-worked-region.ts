import type { HouseholdCommand } from '@hearth/domain';
import { c, member } from './commands';

/**
 * Eight households in three villages (region.ts: V1, V2 under T1; V3 under T2), written
 * by hand so that the expected figures can be worked out by hand too (see the spec).
 *
 * h1 V1  identified 2016-04-01 (baseline), referred, employed 06-01, cleared 06-15, visited 09-10
 * h2 V1  identified 2016-05-10 (baseline), employed 08-01, cleared 08-20, concern raised 11-01, resolved 2017-02-01
 * h3 V2  identified 2016-06-01 (baseline), employed 07-01, cleared 07-15, job ended 10-01, relapsed 10-20,
 *        employed 2017-03-01, cleared 2017-03-10; its August income corrected from 1700 to 1800 in 2017
 * h4 V2  identified 2016-08-15 (after the cutoff: not baseline), withdrew 12-01
 * h5 V3  identified 2016-07-31 (on the cutoff: baseline), exempted 11-15
 * h6 V3  identified 2016-06-20 (baseline), deregistered 2017-01-15
 * h7 V3  registered in V2 by mistake, corrected to V3; applied, withdrew 10-01 (never identified)
 * h8 V1  identified 2016-02-01 (baseline), trainings and referrals in June, employed 12-28 (not cleared), surveyed again 2017-02-10
 */
export const handWorkedHouseholds: readonly (readonly HouseholdCommand[])[] = [
  [
    c.register('h1', '2016-03-01', 'V1', [['m1', 1980], ['m2', 2010]]),
    c.survey('h1', '2016-03-05', member('m1', 'full', true), member('m2', 'none', false)),
    c.apply('h1', '2016-03-10'),
    c.identify('h1', '2016-04-01'),
    c.refer('h1', '2016-05-01', 'r1'),
    c.acceptReferral('h1', '2016-05-03', 'r1'),
    c.employ('h1', '2016-06-01', 'e1', 'enterprise', 'local', 2000, 'r1'),
    c.clear('h1', '2016-06-15'),
    c.income('h1', '2016-07-01', 'e1', '2016-06', 2000),
    c.income('h1', '2016-09-01', 'e1', '2016-08', 2100.5),
    c.followUp('h1', '2016-09-10', 'v1'),
  ],
  [
    c.register('h2', '2016-03-01', 'V1', [['m1', 1975]]),
    c.survey('h2', '2016-03-05', member('m1', 'partial', true)),
    c.apply('h2', '2016-04-01'),
    c.identify('h2', '2016-05-10'),
    c.employ('h2', '2016-08-01', 'e1', 'flexible', 'in-region', 1500),
    c.clear('h2', '2016-08-20'),
    c.income('h2', '2016-09-02', 'e1', '2016-08', 1500),
    c.followUp('h2', '2016-11-01', 'v1', ['wages-withheld']),
    c.resolve('h2', '2017-02-01', 'v1'),
  ],
  [
    c.register('h3', '2016-04-01', 'V2', [['m1', 1990]]),
    c.survey('h3', '2016-04-05', member('m1', 'full', true)),
    c.apply('h3', '2016-05-01'),
    c.identify('h3', '2016-06-01'),
    c.employ('h3', '2016-07-01', 'e1', 'assisted', 'local', 1700),
    c.clear('h3', '2016-07-15'),
    c.income('h3', '2016-09-01', 'e1', '2016-08', 1700),
    c.endEmployment('h3', '2016-10-01', 'e1', 'seasonal-end'),
    c.relapse('h3', '2016-10-20'),
    c.employ('h3', '2017-03-01', 'e2', 'self-employed', 'local', 900),
    c.clear('h3', '2017-03-10'),
    c.correct('h3', '2017-06-01', '@IncomeRecorded#0', { amount: 1800 }),
  ],
  [
    c.register('h4', '2016-05-01', 'V2', [['m1', 1985]]),
    c.survey('h4', '2016-05-05', member('m1', 'full', true)),
    c.apply('h4', '2016-06-01'),
    c.identify('h4', '2016-08-15'),
    { ...c.withdraw('h4', '2016-12-01'), note: 'late' },
  ],
  [
    c.register('h5', '2016-02-01', 'V3', [['m1', 1970]]),
    c.survey('h5', '2016-02-05', member('m1', 'full', true)),
    c.apply('h5', '2016-07-20'),
    c.identify('h5', '2016-07-31'),
    c.exempt('h5', '2016-11-15'),
  ],
  [
    c.register('h6', '2016-06-01', 'V3', [['m1', 1995]]),
    c.survey('h6', '2016-06-05', member('m1', 'full', true)),
    c.apply('h6', '2016-06-10'),
    c.identify('h6', '2016-06-20'),
    c.deregister('h6', '2017-01-15'),
  ],
  [
    c.register('h7', '2016-09-01', 'V2', [['m1', 1960]]),
    c.correct('h7', '2016-09-03', '@HouseholdRegistered#0', { divisionCode: 'V3' }),
    c.survey('h7', '2016-09-05', member('m1', 'full', true)),
    c.apply('h7', '2016-09-10'),
    c.withdraw('h7', '2016-10-01'),
  ],
  [
    c.register('h8', '2016-01-10', 'V1', [['m1', 1988], ['m2', 1950]]),
    c.survey('h8', '2016-01-15', member('m1', 'full', true), member('m2', 'none', false)),
    c.apply('h8', '2016-01-20'),
    c.identify('h8', '2016-02-01'),
    c.refer('h8', '2016-06-02', 'r1'),
    c.offerTraining('h8', '2016-06-03', 't1', 'vocational'),
    c.declineReferral('h8', '2016-06-04', 'r1'),
    c.acceptTraining('h8', '2016-06-05', 't1'),
    c.offerTraining('h8', '2016-06-10', 't2', 'language'),
    c.declineTraining('h8', '2016-06-12', 't2'),
    c.refer('h8', '2016-06-20', 'r2'),
    c.completeTraining('h8', '2016-06-25', 't1'),
    c.acceptReferral('h8', '2016-12-20', 'r2'),
    c.employ('h8', '2016-12-28', 'e1', 'enterprise', 'out-of-region', 2500, 'r2'),
    c.survey('h8', '2017-02-10', member('m1', 'full', true), member('m2', 'none', false)),
  ],
];

/** h4's withdrawal was keyed in 50 days late: the one late-recording notice. */
export const recordedAt = (cmd: HouseholdCommand): string =>
  cmd.note === 'late' ? '2017-01-20T09:00:00.000Z' : `${cmd.on}T12:00:00.000Z`;
