/** The `code` a Node or SQLite error carries (`ENOSPC`, `SQLITE_FULL`, …), if any. */
export const errorCodeOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : undefined;
