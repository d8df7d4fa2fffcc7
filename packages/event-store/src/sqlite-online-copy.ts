import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { OnlineCopy, OnlineCopyProgress } from './event-store';
import { CopyInProgressError } from './copy-in-progress-error';
import { isProcessAlive } from './process-alive';

/**
 * `VACUUM INTO` on a read-only connection of its own: one read transaction, so the copy is
 * one snapshot of the file, and in WAL mode the store's writers go on meanwhile. It runs in
 * a worker thread because the statement holds its thread for the whole file (2.7 s for the
 * 663 MB of 20,000 households, more for a region): the caller's thread stays free to report
 * progress, or to serve. The
 * worker is given its script as text and the driver's resolved path, so it loads the same
 * driver from wherever this module was loaded (the sources, or a bundle of them).
 */
const COPY_SCRIPT = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.source, { readonly: true, fileMustExist: true });
try {
  db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
  db.prepare('VACUUM INTO ?').run(workerData.target);
} finally {
  db.close();
}
`;

/** How often the copy's growth is reported. */
const PROGRESS_MS = 1000;

/** The bytes the copy will about hold: the file's pages in use (VACUUM leaves the free ones out). */
const estimateOf = (source: string, busyTimeoutMs: number): number => {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const pages = (db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number);
    return pages * (db.pragma('page_size', { simple: true }) as number);
  } finally {
    db.close();
  }
};

const sizeOf = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

const runCopy = (source: string, target: string, busyTimeoutMs: number): Promise<void> =>
  new Promise((done, fail) => {
    const worker = new Worker(COPY_SCRIPT, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), source, target, busyTimeoutMs } });
    let failure: unknown;
    worker.once('error', (e) => (failure = e));
    worker.once('exit', (code) => (failure !== undefined ? fail(failure) : code === 0 ? done() : fail(new Error(`the copy's worker stopped with exit code ${code}`))));
  });

/** A database file and the journals SQLite keeps beside it. */
const removeWithJournals = (path: string): void => {
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(file, { force: true });
};

/**
 * `PATH.partial.lock`, made with this process's id, for the copy's whole run: two copies to one
 * path share `PATH.partial`, and one would name the other's file unchecked (decision 214). A
 * lock whose process is gone (a copy killed) is taken over. Returns how to let it go.
 */
const lockPartial = (partial: string): (() => void) => {
  const lock = `${partial}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
      const holder = Number(readFileSync(lock, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && isProcessAlive(holder)) throw new CopyInProgressError(partial.replace(/\.partial$/, ''), holder);
      rmSync(lock, { force: true });
    }
  }
};

/** A WAL left with frames by the check of the copy holds writes the named file would not have. */
const refuseAnOpenWal = (partial: string): void => {
  if (sizeOf(`${partial}-wal`) > 0) throw new Error(`the check of the copy left ${partial}-wal with writes in it: close every connection to the copy before it is named`);
};

/** Flushes a file, or a directory's entries, to disk. */
const flush = (path: string): void => {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

/**
 * The online copy of the SQLite file `source` (see OnlineCopy). The copy is written as
 * `PATH.partial` (one a stopped copy left is replaced), flushed — SQLite does not flush
 * what `VACUUM INTO` writes —, handed to `beforeNaming` there and flushed again, then linked to `PATH`, which fails rather than replace a
 * file made there meanwhile, and its directory flushed.
 */
export const sqliteOnlineCopy = (source: string, busyTimeoutMs: number): OnlineCopy => ({
  copyTo: async (path, opts = {}) => {
    const target = resolve(path);
    if (existsSync(target)) throw Object.assign(new Error(`${target} already exists: a copy never replaces a file`), { code: 'EEXIST', path: target });
    const partial = `${target}.partial`;
    const unlock = lockPartial(partial);
    const report = (p: OnlineCopyProgress): void => opts.onProgress?.(p);
    let timer: NodeJS.Timeout | undefined;
    try {
      // With its journal files: a stopped check of the copy (beforeNaming) may have left a WAL, which SQLite would replay into the next copy.
      removeWithJournals(partial);
      const estimate = estimateOf(source, busyTimeoutMs);
      timer = opts.onProgress ? setInterval(() => report({ written: sizeOf(partial), estimate }), PROGRESS_MS) : undefined;
      await runCopy(source, partial, busyTimeoutMs);
      flush(partial);
      if (timer) clearInterval(timer);
      const bytes = statSync(partial).size;
      report({ written: bytes, estimate: bytes });
      if (opts.beforeNaming) {
        await opts.beforeNaming(partial);
        refuseAnOpenWal(partial);
        flush(partial);
      }
      linkSync(partial, target);
    } catch (e) {
      removeWithJournals(partial);
      throw e;
    } finally {
      if (timer) clearInterval(timer);
      unlock();
    }
    // The name `PATH.partial` goes, and any journal left empty beside it.
    removeWithJournals(partial);
    flush(dirname(target));
    return { bytes: statSync(target).size };
  },
});
