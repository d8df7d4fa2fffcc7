import { Logger } from '@nestjs/common';
import { ReadModelsBusyError, ReportWorkerError } from '@hearth/projections';
import { ReadModelsNotReadyError } from '@hearth/read-side';
import { errorResponse } from './error-response';
import { storeFaultResponse } from './store-fault';

const sqliteError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe('store faults as answers', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'warn', 'error']));

  it('a busy or locked store, and read models kept busy by another process, are 503 STORE_BUSY with Retry-After', () => {
    for (const e of [
      sqliteError('SQLITE_BUSY', 'database is locked'),
      sqliteError('SQLITE_BUSY_SNAPSHOT', 'database is locked'),
      sqliteError('SQLITE_LOCKED', 'database table is locked'),
      new ReadModelsBusyError(6, sqliteError('SQLITE_BUSY', 'database is locked')),
      new ReadModelsNotReadyError(3, 9),
      // A costly report read in the worker thread (decision 112) that found the store busy.
      new ReportWorkerError({ name: 'SqliteError', message: 'database is locked', code: 'SQLITE_BUSY' }),
    ])
      expect(errorResponse(e)).toEqual({ status: 503, body: { code: 'STORE_BUSY', message: expect.stringContaining('nothing was written') }, retryAfterSeconds: 2 });
  });

  it('a full disk or file is 507 STORAGE_FULL', () => {
    for (const e of [
      sqliteError('SQLITE_FULL', 'database or disk is full'),
      sqliteError('ENOSPC', 'no space left on device'),
      sqliteError('SQLITE_IOERR_WRITE', 'disk I/O error: No space left on device'),
      new ReportWorkerError({ name: 'SqliteError', message: 'database or disk is full', code: 'SQLITE_FULL' }),
    ])
      expect(errorResponse(e)).toEqual({ status: 507, body: { code: 'STORAGE_FULL', message: expect.stringContaining('nothing of this request was written') } });
  });

  it('anything else is not a store fault', () => {
    for (const e of [sqliteError('SQLITE_IOERR_READ', 'disk I/O error'), sqliteError('SQLITE_CORRUPT', 'database disk image is malformed'), new Error('boom'), null, 'text'])
      expect(storeFaultResponse(e)).toBeUndefined();
    expect(errorResponse(new Error('boom')).status).toBe(500);
    expect(errorResponse(new ReportWorkerError({ name: 'TypeError', message: 'x is undefined' })).status).toBe(500);
  });
});
