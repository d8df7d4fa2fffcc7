import type { ReadReq } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import type { StoredEvent } from './log';

export type Matcher = (event: StoredEvent) => boolean;

/**
 * The server-side filter of a read or subscription, as the client encodes it: prefixes
 * or a regex, on stream names or on event types. EventStoreDB compiles the regex with
 * .NET; the patterns the adapter sends mean the same in JS.
 */
export const filterOf = (options: ReadReq.Options): Matcher => {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter();
  const onStream = filter?.hasStreamIdentifier() ?? false;
  const expression = onStream ? filter?.getStreamIdentifier() : filter?.getEventType();
  if (!expression) return () => true;
  const prefixes = expression.getPrefixList();
  const source = expression.getRegex();
  const regex = source.length > 0 ? new RegExp(source) : undefined;
  const test = (value: string): boolean =>
    (prefixes.length === 0 || prefixes.some((prefix) => value.startsWith(prefix))) && (regex === undefined || regex.test(value));
  return (event) => test(onStream ? event.streamName : event.type);
};
