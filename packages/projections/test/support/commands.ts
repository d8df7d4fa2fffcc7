import type { HouseholdCommand, SurveyedMember } from '@hearth/domain';

/** Terse builders for hand-written scenarios: `c.identify('h1', '2016-04-01')`. */
const make = (type: string, householdId: string, on: string, fields: object = {}): HouseholdCommand =>
  ({ type, householdId, on, ...fields }) as HouseholdCommand;

export const member = (memberId: string, laborCapacity: 'full' | 'partial' | 'none', wantsWork: boolean): SurveyedMember => ({
  memberId, health: 'healthy', laborCapacity, education: 'primary', skills: [], languages: [], wantsWork,
  preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [],
});

export const c = {
  register: (h: string, on: string, divisionCode: string, members: [string, number][]) =>
    make('RegisterHousehold', h, on, { divisionCode, members: members.map(([memberId, birthYear]) => ({ memberId, birthYear })) }),
  survey: (h: string, on: string, ...members: SurveyedMember[]) =>
    make('SurveyHousehold', h, on, { householdSize: members.length, povertyCauses: ['lack-of-skills'], members }),
  apply: (h: string, on: string) => make('ApplyForIdentification', h, on),
  identify: (h: string, on: string) => make('IdentifyHousehold', h, on),
  refer: (h: string, on: string, referralId: string, memberId = 'm1') =>
    make('ReferToJob', h, on, { referralId, memberId, employer: 'Factory', position: 'Worker', place: 'in-region', form: 'enterprise', offeredMonthlyWage: 2000 }),
  acceptReferral: (h: string, on: string, referralId: string) => make('AcceptReferral', h, on, { referralId }),
  declineReferral: (h: string, on: string, referralId: string) => make('DeclineReferral', h, on, { referralId }),
  offerTraining: (h: string, on: string, trainingId: string, kind: string, memberId = 'm1') =>
    make('OfferTraining', h, on, { trainingId, memberId, kind, title: 'Course', provider: 'County school' }),
  acceptTraining: (h: string, on: string, trainingId: string) => make('AcceptTraining', h, on, { trainingId }),
  declineTraining: (h: string, on: string, trainingId: string) => make('DeclineTraining', h, on, { trainingId }),
  completeTraining: (h: string, on: string, trainingId: string) => make('CompleteTraining', h, on, { trainingId, certified: true }),
  employ: (h: string, on: string, employmentId: string, form: string, place: string, monthlyIncome: number, referralId?: string, memberId = 'm1') =>
    make('RecordEmployment', h, on, { employmentId, memberId, form, place, monthlyIncome, contractSigned: true, ...(referralId ? { referralId } : {}) }),
  income: (h: string, on: string, employmentId: string, month: string, amount: number) => make('RecordIncome', h, on, { employmentId, month, amount }),
  endEmployment: (h: string, on: string, employmentId: string, reason: string) => make('EndEmployment', h, on, { employmentId, reason }),
  clear: (h: string, on: string) => make('ClearHousehold', h, on),
  followUp: (h: string, on: string, visitId: string, laborConcerns: string[] = []) =>
    make('RecordFollowUp', h, on, { visitId, findings: 'Visited at the workplace', stillEmployed: true, laborConcerns }),
  resolve: (h: string, on: string, visitId: string) => make('ResolveLaborConcern', h, on, { visitId, outcome: 'remedied', reason: 'Wages paid' }),
  relapse: (h: string, on: string) => make('RecordRelapse', h, on, { reason: 'Seasonal work ended' }),
  withdraw: (h: string, on: string) => make('WithdrawFromProgramme', h, on),
  exempt: (h: string, on: string) => make('ExemptHousehold', h, on, { programme: 'Minimum living guarantee' }),
  deregister: (h: string, on: string) => make('DeregisterHousehold', h, on, { reason: 'moved' }),
  correct: (h: string, on: string, eventId: string, correction: object) => make('CorrectEvent', h, on, { eventId, correction, reason: 'Data entry error' }),
};
