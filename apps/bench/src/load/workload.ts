/**
 * What the load clients send: households set up once (registered and surveyed, two
 * willing members of working age), then commands that the ledger accepts in any
 * interleaving, however many it sends — each names a fresh id, none counts towards a
 * household's bounded records (members, employments), all on one business date
 * (the day of the run: live work, so the verifier lists no late recordings) — so that
 * every answer of a correct service is 201 and each appends events.
 */

export const loadHouseholdId = (i: number): string => `load-${String(i + 1).padStart(6, '0')}`;

export const setupCommands = (householdId: string, villageCode: string, on: string): readonly object[] => [
  {
    type: 'RegisterHousehold', householdId, on, divisionCode: villageCode,
    members: [{ memberId: 'm1', birthYear: 1985, sex: 'female' }, { memberId: 'm2', birthYear: 1990, sex: 'male' }],
  },
  survey(householdId, on),
];

function survey(householdId: string, on: string): object {
  const member = (memberId: string) => ({
    memberId, health: 'healthy', laborCapacity: 'full', education: 'junior-secondary', skills: ['masonry'], languages: [],
    wantsWork: true, preferredForms: ['enterprise'], preferredPlaces: ['local'], wantsSelfEmployment: false, trainingNeeds: ['vocational'],
  });
  return { type: 'SurveyHousehold', householdId, on, householdSize: 2, povertyCauses: ['lack-of-skills'], members: [member('m1'), member('m2')] };
}

/** The `n`-th command a client sends to a household; `tag` makes the ids it creates unique across clients. */
export const loadCommand = (householdId: string, on: string, tag: string, n: number): object => {
  switch (n % 4) {
    case 0:
      return { type: 'ReferToJob', householdId, on, referralId: `r-${tag}`, memberId: 'm1', employer: 'Load test works', position: 'assembler', place: 'local', form: 'enterprise', offeredMonthlyWage: 3200 };
    case 1:
      return { type: 'OfferTraining', householdId, on, trainingId: `t-${tag}`, memberId: 'm2', kind: 'vocational', title: 'Welding, level 1', provider: 'County vocational school' };
    case 2:
      // Not a repeated survey: the same survey on the same date appends nothing (an idempotent rerun), and every command here must append.
      return { type: 'ReferToJob', householdId, on, referralId: `r2-${tag}`, memberId: 'm2', employer: 'Load test works', position: 'packer', place: 'local', form: 'enterprise', offeredMonthlyWage: 3000 };
    default:
      // Not AddMember: a household's records name at most 50 members (LIMIT_REACHED), which a fast run reaches in seconds.
      return { type: 'OfferTraining', householdId, on, trainingId: `t2-${tag}`, memberId: 'm1', kind: 'vocational', title: 'Bricklaying, level 1', provider: 'County vocational school' };
  }
};
