import { isBusyError } from '@hearth/event-store';
import { ReportWorkerError, UnknownDivisionError } from '../src';
import { reviveError, threadError } from '../src/aside/aside-messages';

/** What a caller gets for an error thrown in the report worker: the error as data, cloned across the thread as postMessage does, then revived. */
const acrossTheThread = (e: unknown): Error => reviveError(structuredClone(threadError(e)));

const sqliteError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe("an error thrown in the report worker, as the service's thread receives it", () => {
  it("keeps the machine's code of what SQLite threw, so a busy store is still busy (503) and a full one still full (507)", () => {
    const busy = acrossTheThread(sqliteError('SQLITE_BUSY', 'database is locked'));
    expect(busy).toBeInstanceOf(ReportWorkerError);
    expect((busy as ReportWorkerError).code).toBe('SQLITE_BUSY');
    expect(isBusyError(busy)).toBe(true);
    expect((acrossTheThread(sqliteError('SQLITE_FULL', 'database or disk is full')) as ReportWorkerError).code).toBe('SQLITE_FULL');
    expect(busy.message).toBe('a report read in the worker thread failed: Error: database is locked');
  });

  it('gives a bug no code, and revives a query of an unknown division as that', () => {
    const bug = acrossTheThread(new TypeError('x is undefined'));
    expect(bug).toBeInstanceOf(ReportWorkerError);
    expect((bug as ReportWorkerError).code).toBeUndefined();
    expect(isBusyError(bug)).toBe(false);
    expect(isBusyError(acrossTheThread(Object.assign(new Error('odd'), { code: 5 })))).toBe(false);
    const unknown = acrossTheThread(new UnknownDivisionError('P99'));
    expect(unknown).toBeInstanceOf(UnknownDivisionError);
    expect((unknown as UnknownDivisionError).division).toBe('P99');
    expect((unknown as UnknownDivisionError).code).toBe('UNKNOWN_DIVISION');
  });
});
