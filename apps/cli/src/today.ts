/**
 * Today as the person at this machine counts days: the local calendar date, not UTC's. East
 * of UTC the UTC date is yesterday's for part of every day (in Beijing until 08:00), so a
 * backlog asked for "today" was yesterday's (docs/decisions/0138). `offsetMinutes` is
 * `Date#getTimezoneOffset`'s (minutes to add to local time to reach UTC).
 */
export const localDate = (instant: Date, offsetMinutes = instant.getTimezoneOffset()): string =>
  new Date(instant.getTime() - offsetMinutes * 60_000).toISOString().slice(0, 10);
