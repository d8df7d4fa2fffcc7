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

/**
 * A field's path split at its first dot (`column` and the rest, or null), made once a path
 * and kept: the progress table at the root of the full region adds ~170,000 fields a month,
 * of a few thousand names (domain codes and income amounts).
 */
const paths = new Map<string, readonly [string, string | null]>();

export const fieldPath = (path: string): readonly [string, string | null] => {
  let split = paths.get(path);
  if (split === undefined) {
    const dot = path.indexOf('.');
    split = dot < 0 ? [path, null] : [path.slice(0, dot), path.slice(dot + 1)];
    if (paths.size < FIELDS_KEPT) paths.set(path, split);
  }
  return split;
};

/** Adds `n` to the field at `path` (`column` or `column.key`) of counts being tallied. */
export const addToField = (counts: object, path: string, n: number): void => {
  const [column, rest] = fieldPath(path);
  const c = counts as Record<string, unknown>;
  if (rest === null) c[column] = ((c[column] as number | undefined) ?? 0) + n;
  else addToField(c[column] as object, rest, n);
};
