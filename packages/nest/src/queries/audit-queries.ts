import { Query } from '@nestjs/cqrs';
import type { Division } from '@hearth/domain';
import type { HouseholdHistoryView, KnownAt, LateRecordingsPage, LogVerification } from '@hearth/projections';
import type { ReadModelStatus } from '../read-side/hearth-read-side';

/**
 * One household's audit timeline and its state at the end of business date `asOf` (default:
 * everything), of what was recorded by the instant `knownAt` (default: now; a date or a time
 * with its zone, docs/decisions/0154, or that text as `parseKnownAt` read it at the caller's
 * edge): `hearth --json history`.
 */
export class HouseholdHistoryQuery extends Query<HouseholdHistoryView> {
  constructor(
    readonly householdId: string,
    readonly asOf?: string,
    readonly knownAt?: string | KnownAt,
  ) {
    super();
  }
}

/**
 * Every hash chain recomputed and every household replayed through the Decider: `hearth --json
 * verify`, with the earliest `notices` late-recording notices (all of them when absent) and
 * `noticesFound` counting them all.
 */
export class VerifyLogQuery extends Query<LogVerification> {
  constructor(readonly notices?: number) {
    super();
  }
}

/** The late-recording notices after log position `after`, at most `limit` of them, and where the next page starts. */
export class LateRecordingsQuery extends Query<LateRecordingsPage> {
  constructor(
    readonly after: number,
    readonly limit: number,
  ) {
    super();
  }
}

export interface DivisionTreeView {
  /** Code of the root division. */
  readonly root: string;
  /** Every division ever recorded, each in its place: a report of a past period names those a reorganisation replaced. */
  readonly divisions: readonly Division[];
  /** The codes among them that the tree in force no longer holds (replaced or dropped), in code order. */
  readonly retired: readonly string[];
}

/** Every division ever recorded, and which of them the tree in force no longer holds (docs/decisions/0182). */
export class DivisionTreeQuery extends Query<DivisionTreeView> {}

/** How far the read models are behind the log, and whether they follow it live. */
export class ReadModelStatusQuery extends Query<ReadModelStatus> {}
