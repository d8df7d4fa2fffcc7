import * as t from 'io-ts';
import { BirthYearC, BusinessDateC, IdC, MAX_TEXT, MoneyC, MonthC, PositiveIntC, TextC } from '@hearth/domain';
import { FlagParamC, KnownAtParamC, MAX_NOTICES_PER_ANSWER, NoticeLimitParamC, NoticesParamC, PositionParamC, YearParamC } from '../reads/query-params';

export type JsonSchema = { readonly [key: string]: unknown };

/**
 * The domain's scalar codecs are predicates, which no walker can read; each one's JSON
 * Schema is stated here, next to nothing else, and the walker refuses any scalar codec
 * missing from this table (so a new one cannot slip into the document undescribed).
 * The description is the codec's own name.
 */
export const primitiveSchemas: ReadonlyMap<t.Mixed, JsonSchema> = new Map<t.Mixed, JsonSchema>([
  [IdC, { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' }],
  [BusinessDateC, { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }],
  [MonthC, { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }],
  [TextC, { type: 'string', maxLength: MAX_TEXT }],
  [MoneyC, { type: 'number', minimum: 0, maximum: 1e12, multipleOf: 0.01 }],
  [BirthYearC, { type: 'integer', minimum: 1900, maximum: 2100 }],
  [PositiveIntC, { type: 'integer', minimum: 1, maximum: 1000 }],
  [YearParamC, { type: 'string', pattern: '^\\d{4}$' }],
  [FlagParamC, { type: 'string', enum: ['true', 'false', '1', '0'] }],
  [NoticesParamC, { type: 'integer', minimum: 0, maximum: MAX_NOTICES_PER_ANSWER, default: 1000 }],
  [NoticeLimitParamC, { type: 'integer', minimum: 1, maximum: MAX_NOTICES_PER_ANSWER, default: 1000 }],
  [PositionParamC, { type: 'integer', minimum: 0, default: 0 }],
  [KnownAtParamC, { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2}))?$' }],
]);
