/**
 * Whether an event of this type begins a household's spell of `identified`, the date from
 * which the agency owes each willing, unemployed eligible member `minReferrals` referrals
 * afresh: its identification, and a relapse, which puts it back to `identified`
 * (docs/decisions/0116). `evolve` keeps the latest such date as `lastIdentifiedOn`.
 */
export const beginsIdentifiedSpell = (eventType: string): boolean => eventType === 'HouseholdIdentified' || eventType === 'HouseholdRelapsed';
