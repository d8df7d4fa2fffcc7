import sqlite3 from 'sqlite3';

/**
 * Emmett's SQLite store (0.38.5) opens its connections itself (`new sqlite3.Database(file)`,
 * then `PRAGMA journal_mode = WAL`) and takes no option for `synchronous`, so it would run
 * at SQLite's default, FULL: an fsync of the WAL at every commit, where Hearth's store runs
 * WAL + synchronous = NORMAL (fsync at checkpoints). To compare the stores at the same
 * durability, every connection the driver opens in this process is given
 * `synchronous = NORMAL` first (serialised, so it is in force before the connection's
 * first statement). Only the peer's child process loads this; Hearth does not use
 * node-sqlite3.
 */
export interface DurabilityProbe {
  /** Connections opened through the driver since `setDriverSynchronousNormal` (Emmett opens one per call on a file). */
  readonly opened: () => number;
}

type DatabaseCtor = typeof sqlite3.Database;

let installed: DurabilityProbe | undefined;

export const setDriverSynchronousNormal = (): DurabilityProbe => {
  if (installed) return installed;
  const driver = sqlite3 as unknown as { Database: DatabaseCtor };
  const Original = driver.Database;
  let opened = 0;
  // A constructor that returns the driver's own object: `instanceof` and every method stay the driver's.
  function WithSynchronousNormal(this: unknown, ...args: ConstructorParameters<DatabaseCtor>): sqlite3.Database {
    const db = new Original(...args);
    opened++;
    db.serialize(() => {
      db.run('PRAGMA synchronous = NORMAL');
    });
    return db;
  }
  WithSynchronousNormal.prototype = Original.prototype;
  Object.defineProperty(driver, 'Database', { value: WithSynchronousNormal, writable: true, configurable: true, enumerable: true });
  installed = { opened: () => opened };
  return installed;
};

/** What a connection opened through the driver now reports: `synchronous` (1 = NORMAL) and the file's journal mode. */
export const driverSettings = (file: string): Promise<{ synchronous: number; journalMode: string }> =>
  new Promise((done, fail) => {
    const db = new sqlite3.Database(file);
    db.get<{ synchronous: number }>('PRAGMA synchronous', (e1, s) => {
      if (e1) return fail(e1);
      db.get<{ journal_mode: string }>('PRAGMA journal_mode', (e2, j) => {
        db.close();
        if (e2) return fail(e2);
        done({ synchronous: s?.synchronous ?? -1, journalMode: j?.journal_mode ?? '' });
      });
    });
  });
