import * as E from 'fp-ts/Either';
import { addDays, BusinessDate, isBusinessDate } from '../dates';
import { HouseholdCommand } from './commands';
import { DecisionContext } from './context';
import { Decision } from './decision';
import { domainError } from './errors';

/**
 * The latest business date a command recorded at `recordedAt` (an ISO timestamp in UTC) may
 * carry: the day after its UTC date, the date somewhere on earth already has at that instant
 * (UTC+14), so that no caseworker ahead of UTC is refused today's date.
 */
export const latestDateAt = (recordedAt: string): BusinessDate => {
  // Every command is decided against it: an import batch's share one recording time, and a log's events (read by verify)
  // mostly share a day. Only a real date is kept: a malformed time (a hand-edited event that verify replays) would
  // otherwise answer for every time after it (decision 206).
  if (recordedAt === lastAt) return lastLatest;
  const day = recordedAt.slice(0, 10);
  if (day === lastDay) {
    lastAt = recordedAt;
    return lastLatest;
  }
  const latest = addDays(day as BusinessDate, 1);
  if (isBusinessDate(day) && isBusinessDate(latest)) {
    lastAt = recordedAt;
    lastDay = day;
    lastLatest = latest;
  }
  return latest;
};
/** The last recording time asked for and its day, only ever a business date's; none yet. */
let lastAt: string | undefined;
let lastDay: string | undefined;
let lastLatest: BusinessDate = '';

/**
 * Nothing happens after it is recorded (docs/decisions/0135): a command dated after the day it
 * is recorded is a mistyped date, refused as INVALID_COMMAND naming `on`. Left in, it would
 * also shut the household: every later command dated before it is BACKDATED, and a business
 * date cannot be corrected. Decided only when the context says when the decision is recorded
 * (a command handler's context does; a replay's need not).
 */
export const recordedBy = (c: HouseholdCommand, ctx: DecisionContext): Decision | undefined => {
  if (ctx.recordedAt === undefined) return undefined;
  // A clock gives a timestamp; a time that is none (a hand-edited event a replay decides again) is said to be that, not blamed on `on`.
  if (!isBusinessDate(ctx.recordedAt.slice(0, 10))) {
    const message = `the recording time ${JSON.stringify(ctx.recordedAt)} is no UTC timestamp, so no business date can be checked against it`;
    return E.left(domainError('INVALID_COMMAND', `recordedAt: ${message}`, [{ path: 'recordedAt', message }]));
  }
  const latest = latestDateAt(ctx.recordedAt);
  if (c.on <= latest) return undefined;
  // The latest date named, not the UTC date: the day after it is still accepted, and a message naming the UTC date would say otherwise.
  const message = `${c.on} is after ${latest}, the latest date anywhere on earth when the command is recorded (${ctx.recordedAt})`;
  return E.left(domainError('INVALID_COMMAND', `on: ${message}`, [{ path: 'on', message }]));
};
