/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped.
 * Used wherever two values must compare or hash equal exactly when their content does
 * (idempotent repeats, the event hash chain).
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  // Non-finite numbers become null, as JSON.stringify does; decoded values never hold them.
  if (typeof value === 'number') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object' && value !== undefined) {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return 'null'; // functions, symbols, bigint: never part of decoded domain values
};
