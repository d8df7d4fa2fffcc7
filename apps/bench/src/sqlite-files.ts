import { copyFileSync, existsSync, rmSync } from 'node:fs';

/** Copies a SQLite file with its WAL (a store or read models left as a run found them), over whatever `to` held; returns `to`. */
export const copySqliteFile = (from: string, to: string): string => {
  for (const suffix of ['-wal', '-shm']) rmSync(`${to}${suffix}`, { force: true });
  copyFileSync(from, to);
  if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${to}-wal`);
  return to;
};

/** Removes a SQLite file with its WAL and shared-memory files. */
export const removeSqliteFile = (path: string): void => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
};
