import type { ActivityKind } from '../projections/activity';

const TRAINING_COLUMN: Partial<Record<ActivityKind, string>> = {
  'training-offered': 'trainingsOffered',
  'training-accepted': 'trainingsAccepted',
  'training-declined': 'trainingsDeclined',
  'training-completed': 'trainingsCompleted',
};

/**
 * `column.key`, made once for each pair and then handed out again: a catch-up asks for the
 * same few thousand fields hundreds of thousands of times (a training kind, an employment
 * form, place or end reason, a member's distinct-member field, an income's amount), and the
 * shared strings are also cheaper map keys when the counters sum and pack them (a string
 * made once is hashed once).
 */
const fieldNames = new Map<string, Map<string, string>>();

/** Pairs kept a column: beyond it a field is made again each time (correct, only slower). */
const FIELDS_KEPT = 65_536;

export const fieldNamed = (column: string, key: string): string => {
  let keys = fieldNames.get(column);
  if (keys === undefined) fieldNames.set(column, (keys = new Map()));
  let name = keys.get(key);
  if (name === undefined) {
    name = `${column}.${key}`;
    // Bounded, as month ends are (village-series.ts): the keys are the domain's closed lists, members' ids and amounts.
    if (keys.size < FIELDS_KEPT) keys.set(key, name);
  }
  return name;
};

const incomeFields = new Map<number, string>();

/** `income.<cents>`: the field an income record adds one to (so the median stays exact), made once an amount. */
export const incomeField = (cents: number): string => {
  let name = incomeFields.get(cents);
  if (name === undefined) {
    name = `income.${cents}`;
    if (incomeFields.size < FIELDS_KEPT) incomeFields.set(cents, name);
  }
  return name;
};

const REFERRALS_MADE: readonly string[] = ['referralsMade'];
const REFERRALS_ACCEPTED: readonly string[] = ['referralsAccepted'];
const REFERRALS_DECLINED: readonly string[] = ['referralsDeclined'];
const NONE: readonly string[] = [];

/**
 * The progress fields (paths into ProgressCounts, `column` or `column.key`) one activity
 * row adds 1 to. Distinct members (`membersSurveyed`, `membersReferred`) and incomes are
 * not counts of rows: the callers count those themselves. The array returned may be
 * shared: never changed.
 */
export const progressFieldsOf = (a: { readonly kind: ActivityKind; readonly detail: string | null; readonly detail2: string | null }): readonly string[] => {
  const training = TRAINING_COLUMN[a.kind];
  if (training) return [fieldNamed(training, a.detail as string)];
  switch (a.kind) {
    case 'referral-made': return REFERRALS_MADE;
    case 'referral-accepted': return REFERRALS_ACCEPTED;
    case 'referral-declined': return REFERRALS_DECLINED;
    case 'employment-started': return [fieldNamed('employmentsStartedByForm', a.detail as string), fieldNamed('employmentsStartedByPlace', a.detail2 as string)];
    case 'employment-ended': return [fieldNamed('employmentsEndedByReason', a.detail as string)];
    default: return NONE;
  }
};

/** Adds `n` to the field at `path` (`column` or `column.key`) of counts being tallied. */
export const addToField = (counts: object, path: string, n: number): void => {
  const dot = path.indexOf('.');
  if (dot < 0) (counts as Record<string, number>)[path] = ((counts as Record<string, number>)[path] ?? 0) + n;
  else addToField((counts as Record<string, object>)[path.slice(0, dot)] as object, path.slice(dot + 1), n);
};
