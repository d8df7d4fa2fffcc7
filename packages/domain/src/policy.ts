import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { BusinessDateC } from './codec/primitives';
import { closed } from './codec/closed';
import { fieldErrors, FieldError } from './codec/decode-errors';
import { BusinessDate } from './dates';

/**
 * Programme policy (domain.md §3). Every number is data; shares are held in basis
 * points (1/10 000) so that targets are computed with integers, never floats.
 */
export interface Policy {
  readonly baselineCutoff: BusinessDate;
  /** year → share of the baseline to clear in that year, in basis points. */
  readonly targetSharesBp: Readonly<Record<number, number>>;
  readonly workingAge: { readonly min: number; readonly max: number };
  readonly minReferrals: number;
  /** From this year on, every active household needs a survey update dated in the year by the end of February. */
  readonly annualUpdateFromYear: number;
  readonly followUpEveryDays: number;
  /** How far `on` may run behind the latest business date of a stream (0: never). */
  readonly backdatingAllowanceDays: number;
  /** Disclosure control: counts from 1 to suppressBelow − 1 are suppressed outside caseworker and auditor roles. */
  readonly suppressBelow: number;
  /** Events recorded more than this many days after their business date are listed as notices. */
  readonly lateRecordingDays: number;
}

export const referencePolicy: Policy = {
  baselineCutoff: '2016-07-31' as BusinessDate,
  targetSharesBp: { 2016: 2500, 2017: 3000, 2018: 2000, 2019: 1500, 2020: 1000 },
  workingAge: { min: 16, max: 59 },
  minReferrals: 3,
  annualUpdateFromYear: 2017,
  followUpEveryDays: 90,
  backdatingAllowanceDays: 0,
  suppressBelow: 5,
  lateRecordingDays: 30,
};

/** Parses a decimal share such as 0.25 or "0.125" into basis points, exactly, or fails. */
export const shareToBasisPoints = (share: number | string): number | undefined => {
  const s = typeof share === 'number' ? String(share) : share.trim();
  const m = /^(0|1)(?:\.(\d{1,4}))?$/.exec(s);
  if (!m) return undefined;
  const bp = Number(m[1]) * 10000 + Number((m[2] ?? '').padEnd(4, '0'));
  return bp <= 10000 ? bp : undefined;
};

/** Cumulative share up to and including `year`, in basis points. */
export const cumulativeShareBp = (policy: Policy, year: number): number =>
  Object.entries(policy.targetSharesBp).reduce((sum, [y, bp]) => (Number(y) <= year ? sum + bp : sum), 0);

/** target(D, Y) = ceil(baseline × cumulativeShare(Y)), in integers. */
export const clearanceTarget = (baseline: number, cumulativeBp: number): number =>
  Math.floor((baseline * cumulativeBp + 9999) / 10000);

/**
 * The range every policy number must fall in. Outside it a policy is refused: a number
 * such as 1e300 days would make date arithmetic loop for ever, and no programme needs it.
 * Days are capped at ten years; years follow the business dates' range.
 */
export const POLICY_RANGES = {
  'workingAge.min': { min: 0, max: 150, unit: 'years of age' },
  'workingAge.max': { min: 0, max: 150, unit: 'years of age' },
  minReferrals: { min: 0, max: 100, unit: 'referrals' },
  annualUpdateFromYear: { min: 1900, max: 2999, unit: 'a calendar year' },
  followUpEveryDays: { min: 1, max: 3650, unit: 'days' },
  backdatingAllowanceDays: { min: 0, max: 3650, unit: 'days' },
  suppressBelow: { min: 0, max: 1000, unit: 'a count' },
  lateRecordingDays: { min: 0, max: 3650, unit: 'days' },
} as const;

const inRange = (key: keyof typeof POLICY_RANGES) => {
  const { min, max, unit } = POLICY_RANGES[key];
  const is = (u: unknown): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max;
  return new t.Type<number, number, unknown>(`a whole number from ${min} to ${max} (${unit})`, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c)), (a) => a);
};
const ShareC = t.union([t.number, t.string]);

const PolicyFileC = closed(
  'Policy',
  { baselineCutoff: BusinessDateC, targetShares: t.record(t.string, ShareC) },
  {
    workingAge: closed('WorkingAge', { min: inRange('workingAge.min'), max: inRange('workingAge.max') }),
    minReferrals: inRange('minReferrals'),
    annualUpdateFromYear: inRange('annualUpdateFromYear'),
    followUpEveryDays: inRange('followUpEveryDays'),
    backdatingAllowanceDays: inRange('backdatingAllowanceDays'),
    suppressBelow: inRange('suppressBelow'),
    lateRecordingDays: inRange('lateRecordingDays'),
  },
);

/** Decodes a policy file (JSON value): `baselineCutoff` and `targetShares` are required (docs/decisions/0143), any other field left out takes the reference value. */
export const parsePolicy = (input: unknown): E.Either<FieldError[], Policy> => {
  const decoded = PolicyFileC.decode(input);
  if (E.isLeft(decoded)) return E.left(fieldErrors(decoded.left));
  const p = decoded.right;
  const shares: Record<number, number> = {};
  const errors: FieldError[] = [];
  for (const [year, share] of Object.entries(p.targetShares)) {
    const bp = shareToBasisPoints(share);
    if (!/^\d{4}$/.test(year)) errors.push({ path: `targetShares.${year}`, message: 'expected a four-digit year' });
    else if (bp === undefined) errors.push({ path: `targetShares.${year}`, message: 'expected a share from 0 to 1 with at most 4 decimals' });
    else shares[Number(year)] = bp;
  }
  if (Object.values(shares).reduce((a, b) => a + b, 0) > 10000)
    errors.push({ path: 'targetShares', message: 'shares add up to more than 1' });
  if (p.workingAge && p.workingAge.min > p.workingAge.max)
    errors.push({ path: 'workingAge', message: 'min is greater than max' });
  if (errors.length > 0) return E.left(errors);
  const { targetShares: _ignored, ...rest } = p;
  return E.right({ ...referencePolicy, ...rest, targetSharesBp: shares } as Policy);
};

/** A policy as a file holds it (domain.md §3): shares as decimals, every key written. */
export type PolicyFile = Omit<Policy, 'targetSharesBp'> & { readonly targetShares: Readonly<Record<string, number>> };

/**
 * The file `parsePolicy` reads back as this very policy: an embedder that keeps its `Policy`
 * as JSON writes this, not the value itself, whose shares are basis points under another key.
 * A share of k basis points is the number k / 10 000, whose shortest text has at most four
 * decimals, as `parsePolicy` takes them.
 */
export const policyFile = (policy: Policy): PolicyFile => {
  const { targetSharesBp, ...rest } = policy;
  return { ...rest, targetShares: Object.fromEntries(Object.entries(targetSharesBp).map(([year, bp]) => [year, bp / 10000])) };
};
