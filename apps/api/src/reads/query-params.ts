import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { BusinessDateC, closed, fieldErrors, IdC, isYearText, MonthC } from '@hearth/domain';
import { isKnownAt, KNOWN_AT_FORMAT, parseKnownAt, type KnownAt } from '@hearth/projections';
import { ApiError } from '../errors/api-error';

/** Query strings carry text: these codecs read a year and a flag out of it. */
export const YearParamC = new t.Type<number, string, unknown>(
  'Year (YYYY, 1900-2999)',
  (u): u is number => typeof u === 'number' && isYearText(String(u)),
  (u, c) => (isYearText(u) ? t.success(Number(u)) : t.failure(u, c)),
  String,
);

/** A whole number from a query string, within [min, max]: digits only, no sign, no exponent. */
const wholeParam = (name: string, min: number, max: number): t.Type<number, string, unknown> =>
  new t.Type<number, string, unknown>(
    `${name} (a whole number ${min}..${max})`,
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max,
    (u, c) => (typeof u === 'string' && /^\d{1,15}$/.test(u) && Number(u) >= min && Number(u) <= max ? t.success(Number(u)) : t.failure(u, c)),
    String,
  );

/** Notices one answer lists at most: an answer of a bulk-imported log would otherwise hold one for every event (docs/decisions/0073). */
export const MAX_NOTICES_PER_ANSWER = 10_000;
export const DEFAULT_NOTICES_PER_ANSWER = 1_000;
export const NoticesParamC = wholeParam('notices', 0, MAX_NOTICES_PER_ANSWER);
export const NoticeLimitParamC = wholeParam('limit', 1, MAX_NOTICES_PER_ANSWER);
export const PositionParamC = wholeParam('after', 0, Number.MAX_SAFE_INTEGER);

const FLAGS: Readonly<Record<string, boolean>> = { true: true, '1': true, false: false, '0': false };
export const FlagParamC = new t.Type<boolean, string, unknown>(
  'Flag (true|false)',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) => (typeof u === 'string' && u in FLAGS ? t.success(FLAGS[u] as boolean) : t.failure(u, c)),
  String,
);

/**
 * A recording-time instant (docs/decisions/0154), read once by `parseKnownAt` and handed to the
 * history query as read (its handler reads only text); refused here so the 400 names `knownAt`.
 */
export const KnownAtParamC = new t.Type<KnownAt, string, unknown>(
  `Instant (${KNOWN_AT_FORMAT})`,
  isKnownAt,
  (u, c) => {
    const parsed = parseKnownAt(u);
    return E.isRight(parsed) ? t.success(parsed.right) : t.failure(u, c, parsed.left);
  },
  (k) => k.instant,
);

/** Every route's query parameters, closed: an unknown or repeated parameter is a 400 naming it. */
export const HistoryParamsC = closed('HistoryParams', {}, { asOf: BusinessDateC, knownAt: KnownAtParamC });
/** GET /api/exports/(monthly|progress).(csv|xlsx). */
export const ExportParamsC = closed('ExportParams', { month: MonthC }, { division: IdC });
/** GET /api/reports/(clearance|monthly|progress): `withChildren=true` asks the total and its children in one snapshot (docs/decisions/0165). */
export const ClearanceParamsC = closed('ClearanceParams', { year: YearParamC }, { division: IdC, byChild: FlagParamC, withChildren: FlagParamC });
export const MonthParamsC = closed('MonthParams', { month: MonthC }, { division: IdC, byChild: FlagParamC, withChildren: FlagParamC });
/** GET /api/reports/monthly without `month` and with `year`: the twelve months of a year in one snapshot (docs/decisions/0168). */
export const MonthsOfYearParamsC = closed('MonthsOfYearParams', { year: YearParamC }, { division: IdC });
export const BacklogParamsC = closed('BacklogParams', {}, { asOf: BusinessDateC, division: IdC });
export const NoParamsC = closed('NoParams', {});
export const VerifyParamsC = closed('VerifyParams', {}, { notices: NoticesParamC });
export const NoticesPageParamsC = closed('NoticesPageParams', {}, { after: PositionParamC, limit: NoticeLimitParamC });

/** Decodes a route's query (or path) parameters, or throws 400 INVALID_QUERY naming the first bad one. */
export const decodeParams = <A>(codec: t.Type<A, unknown, unknown>, input: unknown): A => {
  const decoded = codec.decode(input ?? {});
  if (E.isRight(decoded)) return decoded.right;
  const first = fieldErrors(decoded.left)[0];
  throw ApiError.badQuery(first?.path ?? '', `${first?.path || 'query'}: ${first?.message ?? 'invalid'}`);
};

export const decodeHouseholdId = (id: string): string => decodeParams(closed('HouseholdPath', { householdId: IdC }), { householdId: id }).householdId;
