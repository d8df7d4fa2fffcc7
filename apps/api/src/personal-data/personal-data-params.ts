import * as t from 'io-ts';
import { closed, IdC } from '@hearth/domain';
import { decodeParams } from '../reads/query-params';

/**
 * Query parameters of the personal-data routes, closed like every route's. `purpose` is
 * optional here only so that its absence reaches the store, the one home of the rule,
 * and comes back as 400 PURPOSE_REQUIRED naming the field.
 */
export const PurposeParamsC = closed('PurposeParams', {}, { purpose: t.string });
export const AccessLogParamsC = closed('AccessLogParams', {}, { householdId: IdC });

export const decodeMemberId = (id: string): string => decodeParams(closed('MemberPath', { memberId: IdC }), { memberId: id }).memberId;

/** A write states its purpose too; without one it is the routine one of a registrar's writes. */
export const WRITE_PURPOSE = 'record the member\'s identifying details';
