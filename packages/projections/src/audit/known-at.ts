import * as E from 'fp-ts/Either';
import { isBusinessDate } from '@hearth/domain';
import type { RecordedEvent } from '@hearth/event-store';

/** An instant of recording (system) time: what the ledger held then is what an auditor asks for (docs/decisions/0154). */
export interface KnownAt {
  /** The instant in UTC, as `recordedAt` is written (`YYYY-MM-DDTHH:MM:SS.sssZ`). */
  readonly instant: string;
  readonly ms: number;
}

const TIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** What a recording time may be written as; the callers name their field before it. */
export const KNOWN_AT_FORMAT = 'a date (YYYY-MM-DD: the end of that day in UTC) or a time with its zone (YYYY-MM-DDTHH:MM[:SS[.sss]] then Z or ±HH:MM)';

/**
 * The UTC offsets zones have, in minutes: from -12:00 (Baker Island) to +14:00 (Kiribati's
 * Line Islands). An offset past them is a typo, not a place: read as given it would move the
 * bound of an audit's evidence by the typo's hours.
 */
const MIN_OFFSET_MINUTES = -12 * 60;
const MAX_OFFSET_MINUTES = 14 * 60;
/** The offsets a zone's time may name, as the refusals and the API's documents say them. */
export const KNOWN_AT_OFFSETS = '-12:00 to +14:00';

/** The offset `±HH:MM` in minutes east of UTC (`Z` is 0); undefined when its minutes are not a clock's. */
const offsetMinutes = (zone: string): number | undefined => {
  if (zone === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
};

/**
 * Reads `--known-at` / `knownAt`. A bare date is the end of that day in UTC, the calendar
 * `recordedAt` is written in and the late-recording notices count its day in, so the same
 * text names the same instant on every machine and in the service; a time must say its zone,
 * since a zone guessed from the machine would make an audit depend on where it is run, and
 * that zone's offset must be one a zone has (-12:00 to +14:00).
 */
export const parseKnownAt = (text: unknown): E.Either<string, KnownAt> => {
  const notKnownAt = `${JSON.stringify(text)} is not ${KNOWN_AT_FORMAT}`;
  const invalid = E.left(notKnownAt);
  if (typeof text !== 'string') return invalid;
  if (isBusinessDate(text)) return at(`${text}T23:59:59.999Z`);
  const m = TIME_RE.exec(text);
  if (m === null) return invalid;
  const [, date, hh, mm, ss = '00', frac = '', zone] = m as unknown as [string, string, string, string, string | undefined, string | undefined, string];
  const offset = offsetMinutes(zone);
  if (!isBusinessDate(date) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59 || offset === undefined) return invalid;
  if (offset < MIN_OFFSET_MINUTES || offset > MAX_OFFSET_MINUTES) return E.left(`${notKnownAt}: its UTC offset ${zone} is no zone's (they run from ${KNOWN_AT_OFFSETS})`);
  return at(`${date}T${hh}:${mm}:${ss}.${frac.padEnd(3, '0')}${zone}`);
};

/**
 * A KnownAt as `parseKnownAt` makes it: an instant in UTC and its milliseconds, the one written
 * from the other. An edge that read the text once hands this on (the API's `KnownAtParamC` to
 * `HouseholdHistoryQuery`) and nothing reads it again; a value shaped otherwise is no instant.
 */
export const isKnownAt = (u: unknown): u is KnownAt => {
  if (typeof u !== 'object' || u === null) return false;
  const { instant, ms } = u as Partial<KnownAt>;
  if (typeof ms !== 'number' || typeof instant !== 'string') return false;
  const time = new Date(ms);
  return !Number.isNaN(time.getTime()) && time.toISOString() === instant;
};

const at = (iso: string): E.Either<string, KnownAt> => {
  const ms = Date.parse(iso);
  return E.right({ instant: new Date(ms).toISOString(), ms });
};

/**
 * The stream as the ledger held it at `knownAt`: its events up to, not including, the first
 * one recorded after that instant. A stream grows only at its end, so what it held at any
 * instant is a prefix; cutting at the first later recording keeps it one even where a
 * recording time steps back a little (log-scan.ts, RECORDING_ORDER_SLACK_MS). An event whose
 * recording time is not a time (verify names it) cannot be placed before any instant.
 */
export const knownPrefix = (events: readonly RecordedEvent[], knownAt: KnownAt): readonly RecordedEvent[] => {
  const after = events.findIndex((e) => !(Date.parse(e.metadata.recordedAt) <= knownAt.ms));
  return after === -1 ? events : events.slice(0, after);
};
