import type { HouseholdCommand } from '@hearth/domain';

/** A household registered in `village`, surveyed with one willing member and identified on 1 April 2016, with no referral yet: the agency owes it three. */
export const identifiedHousehold = (id: string, village = 'V1'): HouseholdCommand[] =>
  [
    { type: 'RegisterHousehold', householdId: id, on: '2016-01-10', divisionCode: village, members: [{ memberId: 'm1', birthYear: 1980 }] },
    {
      type: 'SurveyHousehold', householdId: id, on: '2016-02-01', householdSize: 1, povertyCauses: ['illness'],
      members: [{ memberId: 'm1', health: 'healthy', laborCapacity: 'full', education: 'primary', skills: [], languages: [], wantsWork: true, preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [] }],
    },
    { type: 'ApplyForIdentification', householdId: id, on: '2016-03-01' },
    { type: 'IdentifyHousehold', householdId: id, on: '2016-04-01' },
  ] as HouseholdCommand[];
