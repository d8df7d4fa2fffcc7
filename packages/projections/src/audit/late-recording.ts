import { daysBetween, householdIdOf, isBusinessDate, Policy } from '@hearth/domain';
import type { RecordedEvent } from '@hearth/event-store';
import type { LogFinding } from './finding';

/**
 * How many days after its business date a stored event was recorded, when that is more
 * than `policy.lateRecordingDays` (expected for a bulk import of past records); otherwise
 * undefined. A property of the event alone, so the log scan finds them in position order.
 */
const daysLate = (e: RecordedEvent, policy: Pick<Policy, 'lateRecordingDays'>): number | undefined => {
  const recordedOn = e.metadata.recordedAt.slice(0, 10);
  if (!isBusinessDate(recordedOn) || !isBusinessDate(e.metadata.occurredOn)) return undefined;
  const late = daysBetween(e.metadata.occurredOn, recordedOn);
  return late <= policy.lateRecordingDays ? undefined : late;
};

/**
 * The notice of `e`, recorded `late` days after its business date. The detail is written
 * by `join`, which makes one flat string: a template literal leaves a tree of
 * concatenations holding every piece (the type and both times as read from the row), and
 * `verifyLog` keeps every notice until it returns — 705,033 of them at 20,000 households,
 * whose trees the young generation's collections copied (docs/decisions/0105).
 */
const noticeOf = (e: RecordedEvent, householdId: string, late: number): LogFinding => ({
  householdId,
  position: e.position,
  kind: 'late-recording',
  detail: [e.type, ' of ', e.metadata.occurredOn, ' recorded ', late, ' days later, at ', e.metadata.recordedAt].join(''),
});

/**
 * The late-recording notices of the log's events (`daysLate`), for a reader of the whole
 * log in position order (`verifyLog`, `lateRecordingsPage`), where one stream's events
 * mostly come together: the notices of a run of events of one stream share one
 * household id rather than each holding a copy cut from its own row's stream id.
 */
export class LateRecordings {
  private streamId = '';
  private householdId = '';

  constructor(private readonly policy: Pick<Policy, 'lateRecordingDays'>) {}

  of(e: RecordedEvent): LogFinding | undefined {
    const late = daysLate(e, this.policy);
    if (late === undefined) return undefined;
    if (e.streamId !== this.streamId) {
      this.streamId = e.streamId;
      this.householdId = householdIdOf(e.streamId) ?? e.streamId;
    }
    return noticeOf(e, this.householdId, late);
  }
}
