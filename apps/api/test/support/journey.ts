import { STONE_BRIDGE, WILLOW } from './tokens';

/** One household's whole life, as commands without an actor (the token's name is recorded). */
export const journey = (householdId: string, divisionCode: string): Record<string, unknown>[] => {
  const m = `${householdId}-a`;
  return [
    { type: 'RegisterHousehold', householdId, on: '2016-02-01', divisionCode, members: [{ memberId: m, birthYear: 1980, sex: 'female' }] },
    {
      type: 'SurveyHousehold', householdId, on: '2016-02-10', householdSize: 1, povertyCauses: ['lack-of-skills'],
      members: [{
        memberId: m, health: 'healthy', laborCapacity: 'full', education: 'primary', skills: [], languages: [], wantsWork: true,
        preferredForms: ['enterprise'], preferredPlaces: ['local'], wantsSelfEmployment: false, trainingNeeds: [],
      }],
    },
    { type: 'ApplyForIdentification', householdId, on: '2016-03-01' },
    { type: 'IdentifyHousehold', householdId, on: '2016-04-01' },
    { type: 'ReferToJob', householdId, on: '2016-05-02', referralId: 'r-1', memberId: m, employer: 'Cooperative', position: 'Seamstress', place: 'local', form: 'enterprise', offeredMonthlyWage: 2600 },
    { type: 'AcceptReferral', householdId, on: '2016-05-03', referralId: 'r-1' },
    { type: 'RecordEmployment', householdId, on: '2016-06-01', employmentId: 'e-1', memberId: m, form: 'enterprise', place: 'local', employer: 'Cooperative', monthlyIncome: 2600, referralId: 'r-1', contractSigned: true },
    { type: 'ClearHousehold', householdId, on: '2016-07-01' },
    { type: 'RecordFollowUp', householdId, on: '2016-09-30', visitId: 'v-1', findings: 'paid on time', stillEmployed: true, laborConcerns: [] },
  ];
};

/** The first four steps: a household identified and waiting for work. */
export const identified = (householdId: string, divisionCode: string) => journey(householdId, divisionCode).slice(0, 4);

/**
 * What a writer in another process records, one command a line: `households` journeys in the
 * township's two villages by turns, one household in four stopping once identified.
 */
export const writerLines = (prefix: string, households: number): string[] =>
  Array.from({ length: households }, (_, i) => {
    const steps = journey(`${prefix}-${i}`, i % 2 === 0 ? WILLOW : STONE_BRIDGE);
    return (i % 4 === 3 ? steps.slice(0, 4) : steps).map((c) => JSON.stringify(c));
  }).flat();
