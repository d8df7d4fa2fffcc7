import type { RecordedEvent } from '@hearth/event-store';

/** The first metadata field whose stored JSON differs, in the source's key order, then the target's. */
const differingField = (source: object, target: object): string | undefined => {
  const s = source as Record<string, unknown>;
  const t = target as Record<string, unknown>;
  for (const key of new Set([...Object.keys(s), ...Object.keys(t)]))
    if (JSON.stringify(s[key]) !== JSON.stringify(t[key])) return key;
  return undefined;
};

/**
 * How an event on the target differs from the same version of its stream on the source,
 * or undefined when it is the same: same id, type, data and metadata, compared as their
 * stored JSON text (key order included), so that every hash still verifies on the target.
 */
export const eventDifference = (source: RecordedEvent, target: RecordedEvent): string | undefined => {
  if (source.eventId !== target.eventId) return `event id ${source.eventId} on the source, ${target.eventId} on the target`;
  if (source.type !== target.type) return `type ${source.type} on the source, ${target.type} on the target`;
  if (JSON.stringify(source.data) !== JSON.stringify(target.data)) return 'the data differs';
  if (JSON.stringify(source.metadata) !== JSON.stringify(target.metadata)) {
    const field = differingField(source.metadata, target.metadata);
    return `metadata${field === undefined ? ' (key order)' : `.${field}`} differs`;
  }
  return undefined;
};
