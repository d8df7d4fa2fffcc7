import { canonicalJson } from '../canonical-json';

/**
 * The "content" of a creating command or event, for idempotent repeats (domain.md §4,
 * check 3): every field but `type`, `householdId`, `actor`, `note` and `commandId`,
 * plus the business date. A command and the event it created give the same fingerprint.
 */
export const fingerprintOf = (fields: object, on: string): string => {
  const { type: _t, householdId: _h, actor: _a, note: _n, commandId: _c, ...content } = fields as Record<string, unknown>;
  return canonicalJson({ ...content, on });
};
