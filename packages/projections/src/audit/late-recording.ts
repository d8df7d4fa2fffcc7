import { daysBetween, householdIdOf, isBusinessDate, Policy } from '@hearth/domain';
import type { RecordedEvent } from '@hearth/event-store';
import type { LogFinding } from './verify-log';

/**
 * The late-recording notice of one stored event, if it is one: recorded more than
 * `policy.lateRecordingDays` after its business date (expected for a bulk import of past
 * records). A property of the event alone, so the log scan finds them in position order.
 */
export const lateRecordingOf = (e: RecordedEvent, policy: Pick<Policy, 'lateRecordingDays'>): LogFinding | undefined => {
  const recordedOn = e.metadata.recordedAt.slice(0, 10);
  if (!isBusinessDate(recordedOn) || !isBusinessDate(e.metadata.occurredOn)) return undefined;
  const late = daysBetween(e.metadata.occurredOn, recordedOn);
  if (late <= policy.lateRecordingDays) return undefined;
  return {
    householdId: householdIdOf(e.streamId) ?? e.streamId,
    position: e.position,
    kind: 'late-recording',
    detail: `${e.type} of ${e.metadata.occurredOn} recorded ${late} days later, at ${e.metadata.recordedAt}`,
  };
};
