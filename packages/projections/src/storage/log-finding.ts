import { isDamagedEventError } from '@hearth/event-store';
import { ReadModelsAheadOfLogError } from './read-models-ahead-of-log-error';

/**
 * An error that is a finding about the log itself, not a fault of the machine or a bug: a
 * stored event damaged or edited, or read models built from events the log no longer holds.
 * No figure is computed over such a log (docs/decisions/0013); a service still starts and
 * answers it as such, so that an auditor can verify through it.
 */
export const isLogFinding = (e: unknown): e is Error => isDamagedEventError(e) || e instanceof ReadModelsAheadOfLogError;
