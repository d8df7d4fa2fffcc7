import type { HouseholdCommand } from '@hearth/domain';

const MEMBERS = ['m1', 'm2', 'm3', 'm4', 'm5'];

/**
 * Decision 186's case of a count of members from one household: registered in `divisionCode`
 * on 2015-01-05 with five members (born 1985–1989), surveyed (each healthy, full labour
 * capacity, willing), identified on 2015-03-02; each member employed (enterprise, local,
 * 1000–1400 a month) on 2016-06-01, the household cleared on 06-15, and each member's June
 * income recorded on 06-30. Every June count of members, employments and incomes is 5, from
 * one family: median and mean income 1200.
 */
export const employedFamily = (householdId: string, divisionCode: string): HouseholdCommand[] =>
  [
    { type: 'RegisterHousehold', householdId, on: '2015-01-05', divisionCode, members: MEMBERS.map((memberId, i) => ({ memberId, birthYear: 1985 + i })) },
    {
      type: 'SurveyHousehold', householdId, on: '2015-01-06', householdSize: MEMBERS.length, povertyCauses: ['lack-of-skills'],
      members: MEMBERS.map((memberId) => ({
        memberId, health: 'healthy', laborCapacity: 'full', education: 'primary', skills: [], languages: [], wantsWork: true,
        preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [],
      })),
    },
    { type: 'ApplyForIdentification', householdId, on: '2015-01-07' },
    { type: 'IdentifyHousehold', householdId, on: '2015-03-02' },
    ...MEMBERS.map((memberId, i) => ({
      type: 'RecordEmployment', householdId, on: '2016-06-01', employmentId: `j${i + 1}`, memberId, form: 'enterprise', place: 'local', monthlyIncome: 1000 + 100 * i, contractSigned: true,
    })),
    { type: 'ClearHousehold', householdId, on: '2016-06-15' },
    ...MEMBERS.map((_, i) => ({ type: 'RecordIncome', householdId, on: '2016-06-30', employmentId: `j${i + 1}`, month: '2016-06', amount: 1000 + 100 * i })),
  ] as HouseholdCommand[];
