/**
 * Households' commands for the hand-worked disclosure attacks (decision 186), recorded
 * through the API by the region's caseworker (support/hand-worked-disclosure.ts). A household
 * cleared five times in a month is `repeatedClearances` of @hearth/projections/testing.
 */
export const member = (memberId: string) => ({
  memberId, health: 'healthy', laborCapacity: 'full', education: 'primary', skills: [], languages: [], wantsWork: true,
  preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [],
});

/** A household of `size` members in `village`, identified in March 2015, through every progress move in June 2016, relapsed in July. */
export const journey = (householdId: string, village: string, size: number): object[] => {
  const members = Array.from({ length: size }, (_, i) => `${householdId}-m${i + 1}`);
  const on = (day: string) => ({ householdId, on: day });
  return [
    { type: 'RegisterHousehold', ...on('2015-01-05'), divisionCode: village, members: members.map((memberId, i) => ({ memberId, birthYear: 1980 + i })) },
    { type: 'SurveyHousehold', ...on('2015-01-06'), householdSize: size, povertyCauses: ['lack-of-skills'], members: members.map(member) },
    { type: 'ApplyForIdentification', ...on('2015-01-07') },
    { type: 'IdentifyHousehold', ...on('2015-03-02') },
    // Step by step over the members: a household's commands are refused when back-dated before its latest.
    ...members.map((memberId) => ({ type: 'OfferTraining', ...on('2016-06-01'), trainingId: `${memberId}-t`, memberId, kind: 'vocational', title: 'Sewing', provider: 'County school' })),
    ...members.map((memberId) => ({ type: 'AcceptTraining', ...on('2016-06-02'), trainingId: `${memberId}-t` })),
    ...members.map((memberId) => ({ type: 'CompleteTraining', ...on('2016-06-05'), trainingId: `${memberId}-t`, certified: true })),
    ...members.map((memberId, i) => ({
      type: 'ReferToJob', ...on('2016-06-06'), referralId: `${memberId}-r`, memberId, employer: 'Cooperative', position: 'Seamstress', place: 'local', form: 'enterprise', offeredMonthlyWage: 2000 + 100 * i,
    })),
    ...members.map((memberId) => ({ type: 'AcceptReferral', ...on('2016-06-07'), referralId: `${memberId}-r` })),
    ...members.map((memberId, i) => ({
      type: 'RecordEmployment', ...on('2016-06-08'), employmentId: `${memberId}-j`, memberId, form: 'enterprise', place: 'local', monthlyIncome: 2000 + 100 * i, contractSigned: true, referralId: `${memberId}-r`,
    })),
    { type: 'ClearHousehold', ...on('2016-06-15') },
    { type: 'RecordFollowUp', ...on('2016-06-20'), visitId: `${householdId}-v`, findings: 'wages late', stillEmployed: true, laborConcerns: ['wages-withheld'] },
    ...members.map((memberId, i) => ({ type: 'RecordIncome', ...on('2016-06-30'), employmentId: `${memberId}-j`, month: '2016-06', amount: 2000 + 100 * i })),
    ...members.map((memberId) => ({ type: 'EndEmployment', ...on('2016-07-10'), employmentId: `${memberId}-j`, reason: 'seasonal-end' })),
    { type: 'RecordRelapse', ...on('2016-07-15'), reason: 'Seasonal work ended' },
  ];
};
