/**
 * A string member of an error, if it has one: Node's and SQLite's errors carry `code` and, for
 * a file, `path`. The one reading of them: the ledger's words for a failure, the busy rule,
 * the report worker's errors and the KurrentDB probe all ask here.
 */
const stringMember = (e: unknown, name: 'code' | 'path'): string | undefined => {
  const value = typeof e === 'object' && e !== null ? (e as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
};

/** The `code` a Node or SQLite error carries (`ENOSPC`, `SQLITE_FULL`, …), if any. */
export const errorCodeOf = (e: unknown): string | undefined => stringMember(e, 'code');

/** The file a Node error names (`path`), if any. */
export const errorPathOf = (e: unknown): string | undefined => stringMember(e, 'path');
