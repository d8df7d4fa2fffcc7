/**
 * The progress table's figures for a month in which nothing happened (domain.md §5, the
 * monthly progress table), for hand-worked tests to spread and change one figure at a time.
 */
export const noTrainings = { vocational: 0, language: 0, entrepreneurship: 0, 'order-based': 0 };
export const noForms = { enterprise: 0, flexible: 0, 'self-employed': 0, assisted: 0 };
export const noPlaces = { local: 0, 'in-region': 0, 'out-of-region': 0 };
export const noEndings = { 'contract-ended': 0, 'seasonal-end': 0, quit: 0, dismissed: 0, 'returned-home': 0, other: 0 };

/** Every figure of a row but its division, month and eligible members. */
export const nothingInMonth = {
  membersSurveyed: 0, trainingsOffered: noTrainings, trainingsAccepted: noTrainings, trainingsDeclined: noTrainings, trainingsCompleted: noTrainings,
  referralsMade: 0, referralsAccepted: 0, referralsDeclined: 0, membersReferred: 0,
  employmentsStartedByForm: noForms, employmentsStartedByPlace: noPlaces, employmentsEndedByReason: noEndings,
  incomeRecords: 0, medianMonthlyIncome: null, meanMonthlyIncome: null,
};
