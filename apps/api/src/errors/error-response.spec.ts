import { DamagedEventError, StoreUnavailableError } from '@hearth/event-store';
import { ReadModelsAheadOfLogError } from '@hearth/projections';
import { UnknownDivisionError, UnknownHouseholdError } from '@hearth/nest';
import { errorResponse } from './error-response';

describe('errorResponse', () => {
  it('names a damaged stored event with its own code instead of a bare INTERNAL', () => {
    const r = errorResponse(new DamagedEventError(42, 'household-h1', 'data is not JSON'));
    expect(r.status).toBe(500);
    expect(r.body.code).toBe('DAMAGED_LOG');
    expect(r.body.message).toContain('position 42');
    expect(r.body.message).toContain('hearth verify');
  });
  it('answers read models built from events the log no longer holds as a damaged log, sending the auditor to verify', () => {
    const r = errorResponse(new ReadModelsAheadOfLogError(120, 100));
    expect(r.status).toBe(500);
    expect(r.body.code).toBe('DAMAGED_LOG');
    expect(r.body.message).toContain('the log now ends at position 100');
    expect(r.body.message).toContain('hearth verify');
  });
  it("answers a store server out of reach as 503 STORE_UNAVAILABLE with Retry-After (docs/http-api.md), not as a bug's 500", () => {
    const r = errorResponse(new StoreUnavailableError('the store did not answer', { reason: 'nothing listens on db:2113 (connection refused)' }));
    expect(r).toMatchObject({ status: 503, body: { code: 'STORE_UNAVAILABLE' }, retryAfterSeconds: 5 });
  });
  it('keeps an unknown household a 404 and anything unrecognised an INTERNAL without detail', () => {
    expect(errorResponse(new UnknownHouseholdError('h9'))).toMatchObject({ status: 404, body: { code: 'UNKNOWN_HOUSEHOLD', field: 'householdId' } });
    expect(errorResponse(new Error('secret detail'))).toEqual({ status: 500, body: { code: 'INTERNAL', message: 'an internal error occurred; it has been logged' } });
  });
  it("keeps an unknown division a 404 whatever it is named: the division asked for is the caller's, not a machine's error code", () => {
    for (const division of ['SQLITE_BUSY', 'SQLITE_LOCKED_SHAREDCACHE', 'SQLITE_FULL', 'ENOSPC', 'P99'])
      expect(errorResponse(new UnknownDivisionError(division))).toEqual({
        status: 404,
        body: { code: 'UNKNOWN_DIVISION', message: `unknown division "${division}"`, field: 'division' },
      });
  });
});
