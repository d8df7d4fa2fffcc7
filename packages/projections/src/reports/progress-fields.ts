import type { ActivityKind } from '../projections/activity';

const TRAINING_COLUMN: Partial<Record<ActivityKind, string>> = {
  'training-offered': 'trainingsOffered',
  'training-accepted': 'trainingsAccepted',
  'training-declined': 'trainingsDeclined',
  'training-completed': 'trainingsCompleted',
};

/**
 * The progress fields (paths into ProgressCounts, `column` or `column.key`) one activity
 * row adds 1 to. Distinct members (`membersSurveyed`, `membersReferred`) and incomes are
 * not counts of rows: the callers count those themselves.
 */
export const progressFieldsOf = (a: { readonly kind: ActivityKind; readonly detail: string | null; readonly detail2: string | null }): string[] => {
  const training = TRAINING_COLUMN[a.kind];
  if (training) return [`${training}.${a.detail as string}`];
  switch (a.kind) {
    case 'referral-made': return ['referralsMade'];
    case 'referral-accepted': return ['referralsAccepted'];
    case 'referral-declined': return ['referralsDeclined'];
    case 'employment-started': return [`employmentsStartedByForm.${a.detail as string}`, `employmentsStartedByPlace.${a.detail2 as string}`];
    case 'employment-ended': return [`employmentsEndedByReason.${a.detail as string}`];
    default: return [];
  }
};

/** Adds `n` to the field at `path` (`column` or `column.key`) of counts being tallied. */
export const addToField = (counts: object, path: string, n: number): void => {
  const dot = path.indexOf('.');
  if (dot < 0) (counts as Record<string, number>)[path] = ((counts as Record<string, number>)[path] ?? 0) + n;
  else addToField((counts as Record<string, object>)[path.slice(0, dot)] as object, path.slice(dot + 1), n);
};
