import type { HouseholdCommand } from '@hearth/domain';

const inJune2016 = (day: number): string => `2016-06-${String(day).padStart(2, '0')}`;

/**
 * Decision 186's case of a count of events from one household: registered in `divisionCode`
 * on 2015-01-05 with one member, surveyed, identified on 2015-03-02, then through June 2016
 * five times employed (the 1st, 5th, 9th, 13th, 17th) and cleared the next day, the first
 * four times losing the job the day after and relapsing the day after that. The village's
 * June `cleared` and 2016 `clearedInYear` are 5 and its June `relapsed` 4, from one household.
 */
export const repeatedClearances = (householdId: string, divisionCode: string): HouseholdCommand[] =>
  [
    { type: 'RegisterHousehold', householdId, on: '2015-01-05', divisionCode, members: [{ memberId: 'm1', birthYear: 1990 }] },
    {
      type: 'SurveyHousehold', householdId, on: '2015-01-06', householdSize: 1, povertyCauses: ['lack-of-skills'],
      members: [{ memberId: 'm1', health: 'healthy', laborCapacity: 'full', education: 'primary', skills: [], languages: [], wantsWork: true, preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [] }],
    },
    { type: 'ApplyForIdentification', householdId, on: '2015-01-07' },
    { type: 'IdentifyHousehold', householdId, on: '2015-03-02' },
    ...[1, 2, 3, 4, 5].flatMap((k) => [
      { type: 'RecordEmployment', householdId, on: inJune2016(4 * k - 3), employmentId: `j${k}`, memberId: 'm1', form: 'enterprise', place: 'local', monthlyIncome: 1000, contractSigned: true },
      { type: 'ClearHousehold', householdId, on: inJune2016(4 * k - 2) },
      ...(k === 5 ? [] : [
        { type: 'EndEmployment', householdId, on: inJune2016(4 * k - 1), employmentId: `j${k}`, reason: 'quit' },
        { type: 'RecordRelapse', householdId, on: inJune2016(4 * k), reason: 'Seasonal work ended' },
      ]),
    ]),
  ] as HouseholdCommand[];
