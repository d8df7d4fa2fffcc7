import type { RecordedEvent } from '@hearth/event-store';

/**
 * Whether an event stands at its place in its stream: every store numbers a stream's events
 * 0, 1, 2… with no gap, and the versions are outside the hash (decision 12), so an event
 * whose version is not the one its stream gives next had its version edited, or an event
 * before it was taken out or moved. The one home of the rule that the whole-log verifier
 * (a stream at a time, decision 202) and the anchor (an event at a time, decision 213) ask.
 */
export const versionOutOfPlace = (e: RecordedEvent, expected: number): string | undefined =>
  e.streamVersion === expected ? undefined : `version ${e.streamVersion} of ${e.streamId} stands where version ${expected} should`;
