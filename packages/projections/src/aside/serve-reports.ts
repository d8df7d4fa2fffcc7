import type { MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/Either';
import { buildDivisionTree } from '@hearth/domain';
import { Reports } from '../reports/reports';
import { AnswersAtPosition } from '../reports/answers-at-position';
import { parentsIn } from '../reports/suppress-relations';
import { Checkpoints } from '../storage/checkpoints';
import { standingPosition } from '../storage/standing-position';
import { AsideReply, AsideRequest, AsideWorkerData, threadError } from './aside-messages';
import { callReport, isAsideReport, ReportCall } from './report-call';
import { CutReport, cutReport, isCutReport, ReportCut } from './report-cut';

/**
 * Whole answers the worker keeps to cut again (a dashboard's clearance year and progress
 * month, the year before them): at the full region a suppressed year is ~10,000 rows in each
 * of thirteen tables, ~100 MB.
 */
const WHOLES_KEPT = 4;

const isCutList = (cut: ReportCut | readonly ReportCut[]): cut is readonly ReportCut[] => Array.isArray(cut);

/**
 * A report worker's side (docs/decisions/0112): answers the requests posted on `port` from
 * a read-only connection of its own to the read models' file, one at a time, each in one
 * read transaction in which every projection stands at one position, at least the
 * request's `atLeast` (`undefined` otherwise: the caller catches up and asks again).
 * Returns a function that closes the connection.
 */
export const serveReports = (port: MessagePort, data: AsideWorkerData): (() => void) => {
  const built = buildDivisionTree(data.divisions);
  if (E.isLeft(built)) throw new Error(`the report worker cannot build the division tree: ${built.left.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const db = new Database(data.file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const reports = new Reports(db, data.policy, built.right);
  const checkpoints = new Checkpoints(db);
  const parentOf = parentsIn(built.right);
  const wholes = new AnswersAtPosition(WHOLES_KEPT);
  // A deferred transaction that only reads: one WAL snapshot throughout, and no lock taken that a writer waits for.
  const read = db.transaction((atLeast: number, call: ReportCall, cut: ReportCut | readonly ReportCut[] | undefined) => {
    const position = standingPosition(checkpoints.all(), data.projections);
    if (position === undefined || position < atLeast) return undefined;
    if (cut === undefined) return { value: callReport(reports, call), position };
    if (!isCutReport(call.report)) throw new Error(`no answer of ${call.report} is cut`);
    // The whole answer is kept at its position, so that the next cut of it costs only its rows.
    const whole = wholes.atOrRead(JSON.stringify(call), position, () => callReport(reports, call));
    const cutOf = (c: ReportCut): object => cutReport(call as ReportCall<CutReport>, whole, c, parentOf);
    return { value: isCutList(cut) ? cut.map(cutOf) : cutOf(cut), position };
  });
  const answer = ({ id, atLeast, call, cut }: AsideRequest): AsideReply => {
    try {
      if (!isAsideReport(call.report)) throw new Error(`"${String(call.report)}" is not a report the worker reads`);
      return { id, answer: read(atLeast, call, cut) };
    } catch (e) {
      return { id, error: threadError(e) };
    }
  };
  port.on('message', (request: AsideRequest) => port.postMessage(answer(request)));
  return () => db.close();
};
