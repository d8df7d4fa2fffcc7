/**
 * Whether an event of this type begins a household's spell of `identified`, the date from
 * which the agency owes each willing, unemployed eligible member `minReferrals` referrals
 * afresh: its identification, and a relapse, which puts it back to `identified`
 * (docs/decisions/0116). `evolve` keeps the date of the latest as `lastIdentifiedOn`, and the
 * backlog's standing reads it from a household's timeline.
 */
export const beginsIdentifiedSpell = (eventType: string): boolean => eventType === 'HouseholdIdentified' || eventType === 'HouseholdRelapsed';
