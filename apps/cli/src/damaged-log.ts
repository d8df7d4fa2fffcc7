import { DamagedEventError, isDamagedEventError } from '@hearth/event-store';
import { CliError, EXIT } from './exit-codes';

/** One line naming the damaged event, with the exit code of anomalies in the log (docs/decisions/0013-damaged-events.md). */
export const damagedLogError = (error: DamagedEventError): CliError =>
  new CliError(`${error.message}. Nothing is computed over a damaged log: run \`hearth verify\` to list every anomaly.`, EXIT.anomalies);

/** Runs `work`; a damaged stored event becomes that one line instead of a stack trace. */
export const refuseOverDamagedLog = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (isDamagedEventError(error)) throw damagedLogError(error);
    throw error;
  }
};
