/**
 * The codes of the tasks on a household's agenda (`Task.kind`), and of the small integer
 * arguments some of them carry. Numbers rather than strings or closures keep a task a
 * flat record; `HouseholdSimulation` dispatches on them.
 */
export const SURVEY = 1, APPLY = 2, IDENTIFY = 3, WITHDRAW_APP = 4, REJECT_APP = 5, SEARCH = 6, FINAL = 7, TRAIN_ANSWER = 8,
  TRAIN_FINISH = 9, REF_ANSWER = 10, EMPLOY = 11, CLEAR = 12, FOLLOW_UP = 13, RESOLVE = 14, END_EMPLOYMENT = 15,
  INCOME = 16, RELAPSE = 17, WILL_WITHDRAW = 18, WILL_DECLARE = 19, ADD_MEMBER = 20, REMOVE_MEMBER = 21, WITHDRAW = 22,
  EXEMPT = 23, DEREGISTER = 24, MISTAKE = 25, REEMPLOY = 26;

/** Referral answer modes: during the job search, the final push before clearance, back to work after clearance. */
export const MODE_SEARCH = 0, MODE_FINAL = 1, MODE_REEMPLOY = 2;

/** Employment flag: this job is meant to clear the household. */
export const CLEARING = 1;
/** Employment flag: temporary work found during the search: it ends after a few weeks or months and does not by itself clear the household. */
export const TEMPORARY = 2;
