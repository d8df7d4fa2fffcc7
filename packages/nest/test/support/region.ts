import type { HouseholdCommand } from '@hearth/domain';

/** A small region and one household's way from registration to clearance, for the module's tests. */
export const divisions = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'V1', name: 'Village one', parentCode: 'R', level: 'village' },
  { code: 'V2', name: 'Village two', parentCode: 'R', level: 'village' },
];

export const TREE_DATE = '2016-01-01';

export const registration = (householdId: string, divisionCode = 'V1'): HouseholdCommand => ({
  type: 'RegisterHousehold', householdId, on: '2016-01-10', divisionCode, members: [{ memberId: 'm1', birthYear: 1980 }],
});

/** Registered, surveyed (one willing, able member), identified. */
export const identification = (householdId: string, divisionCode = 'V1'): HouseholdCommand[] => [
  registration(householdId, divisionCode),
  {
    type: 'SurveyHousehold', householdId, on: '2016-02-01', householdSize: 1, povertyCauses: ['illness'],
    members: [{ memberId: 'm1', health: 'healthy', laborCapacity: 'full', education: 'primary', skills: [], languages: [], wantsWork: true, preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [] }],
  },
  { type: 'ApplyForIdentification', householdId, on: '2016-03-01' },
  { type: 'IdentifyHousehold', householdId, on: '2016-04-01' },
];

/** A fixed system clock: recordedAt is the same in every run. */
export const fixedNow = (): string => '2016-12-31T12:00:00.000Z';
