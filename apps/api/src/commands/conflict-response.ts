import type { ErrorResponse } from '../errors/error-response';

/**
 * Seconds a client is asked to wait before sending again a command that met 409 CONFLICT:
 * another process was changing the household through every retry, so sending it again at
 * once would most likely meet that writer again.
 */
export const CONFLICT_RETRY_AFTER = 1;

/** The answer to a command whose household kept changing through every attempt to decide it: nothing was appended. */
export const conflictResponse = (householdId: string, attempts: number): ErrorResponse => ({
  status: 409,
  body: { code: 'CONFLICT', message: `household ${householdId} kept changing while this command was decided (${attempts} attempts); nothing was appended: submit it again` },
  retryAfterSeconds: CONFLICT_RETRY_AFTER,
});
