/**
 * How much one household's records hold: the one home of the bounds that a command's codec,
 * an event's codec and the rules share. An event the Decider appends must decode under its
 * own codec, so what the rules let a household grow to can never exceed what its events may
 * list (decision 199): the eligible members a `HouseholdIdentified` names are its living
 * members, and the employments a `HouseholdCleared` names are some of those it ever recorded.
 */

/** Members listed at registration or in a survey, and living members at any time (AddMember stops there). */
export const MEMBERS_AT_MOST = 50;

/** Employments recorded in a household's history (RecordEmployment stops there), and so active on any date. */
export const EMPLOYMENTS_AT_MOST = 500;
