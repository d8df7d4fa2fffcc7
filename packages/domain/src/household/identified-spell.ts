import type { Status } from './state';

/**
 * Whether an event of this type begins a household's spell of `identified`, the date from
 * which the agency owes each willing, unemployed eligible member `minReferrals` referrals
 * afresh: its identification, and a relapse, which puts it back to `identified`
 * (docs/decisions/0116). `evolve` keeps the date of the latest as `lastIdentifiedOn`, and the
 * backlog's standing reads it from a household's timeline.
 */
export const beginsIdentifiedSpell = (eventType: string): boolean => eventType === 'HouseholdIdentified' || eventType === 'HouseholdRelapsed';

/**
 * Whether a household in this status is owed `minReferrals` referrals for each willing,
 * unemployed eligible member, counted since the spell began: an identified household, and a
 * cleared one, whose clearance found work for one member and owes the others no less
 * (domain.md §1.3, §3 and §5 each say "each willing, unemployed member"; docs/decisions/0136).
 * A household before its identification has no spell, and one withdrawn, exempted or
 * deregistered has left the programme and can be referred no more.
 */
export const owedReferrals = (status: Status | null): boolean => status === 'identified' || status === 'cleared';
