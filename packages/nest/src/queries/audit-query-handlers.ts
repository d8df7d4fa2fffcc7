import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { householdHistory, HouseholdHistoryView, LateRecordingsPage, lateRecordingsPage, LogVerification, verifyLog } from '@hearth/projections';
import { NoDivisionTreeError } from '@hearth/read-side';
import { HearthReadSide, ReadModelStatus } from '../read-side/hearth-read-side';
import { DivisionTreeQuery, DivisionTreeView, HouseholdHistoryQuery, LateRecordingsQuery, ReadModelStatusQuery, VerifyLogQuery } from './audit-queries';
import { checkDate, checkKnownAt } from './query-parameters';
import { InvalidQueryError } from './invalid-query-error';

/*
 * The audit reads the log itself, not the read models: like the CLI, it needs no
 * division tree and sees every event appended before the call.
 */

@QueryHandler(HouseholdHistoryQuery)
export class HouseholdHistoryHandler implements IQueryHandler<HouseholdHistoryQuery> {
  constructor(@Inject(HearthReadSide) private readonly readSide: HearthReadSide) {}
  async execute({ householdId, asOf, knownAt }: HouseholdHistoryQuery): Promise<HouseholdHistoryView> {
    if (typeof householdId !== 'string' || householdId === '') throw new InvalidQueryError('householdId', 'householdId must be a non-empty string');
    if (asOf !== undefined) checkDate('asOf', asOf);
    const known = knownAt === undefined ? undefined : checkKnownAt(knownAt);
    // The replay decides against the tree in force at each position, as verify's does: a tree recorded elsewhere included.
    await this.readSide.syncTree();
    const { ledger } = this.readSide;
    return householdHistory(ledger.store, householdId, asOf, ledger.context(), known);
  }
}

@QueryHandler(VerifyLogQuery)
export class VerifyLogHandler implements IQueryHandler<VerifyLogQuery> {
  constructor(@Inject(HearthReadSide) private readonly readSide: HearthReadSide) {}
  async execute({ notices }: VerifyLogQuery): Promise<LogVerification> {
    if (notices !== undefined && (!Number.isInteger(notices) || notices < 0)) throw new InvalidQueryError('notices', 'notices must be a whole number, 0 or more');
    // Replays decide against the tree in force at each position: every tree the store holds, one recorded elsewhere included.
    await this.readSide.syncTree();
    const { ledger } = this.readSide;
    // As the CLI: whether positions are contiguous is the port's to say (issuedPositions), not the URL's.
    const verified = await verifyLog(ledger.store, ledger.context(), notices === undefined ? {} : { keepNotices: notices });
    return { ...verified, noticesFound: verified.noticesFound ?? verified.notices.length };
  }
}

@QueryHandler(LateRecordingsQuery)
export class LateRecordingsHandler implements IQueryHandler<LateRecordingsQuery> {
  constructor(@Inject(HearthReadSide) private readonly readSide: HearthReadSide) {}
  async execute({ after, limit }: LateRecordingsQuery): Promise<LateRecordingsPage> {
    if (!Number.isInteger(after) || after < 0) throw new InvalidQueryError('after', 'after must be a log position: a whole number, 0 or more');
    if (!Number.isInteger(limit) || limit < 1) throw new InvalidQueryError('limit', 'limit must be a whole number, 1 or more');
    const { ledger } = this.readSide;
    return lateRecordingsPage(ledger.store, ledger.policy, { after, limit });
  }
}

@QueryHandler(DivisionTreeQuery)
export class DivisionTreeHandler implements IQueryHandler<DivisionTreeQuery> {
  constructor(@Inject(HearthReadSide) private readonly readSide: HearthReadSide) {}
  async execute(): Promise<DivisionTreeView> {
    await this.readSide.syncTree();
    const tree = this.readSide.ledger.divisions;
    if (!tree) throw new NoDivisionTreeError();
    const inForce = this.readSide.ledger.divisionsInForce;
    const retired = tree.all.filter((d) => inForce?.get(d.code) === undefined).map((d) => d.code).sort();
    return { root: tree.root.code, divisions: tree.all, retired };
  }
}

@QueryHandler(ReadModelStatusQuery)
export class ReadModelStatusHandler implements IQueryHandler<ReadModelStatusQuery> {
  constructor(@Inject(HearthReadSide) private readonly readSide: HearthReadSide) {}
  execute(): Promise<ReadModelStatus> {
    return this.readSide.status();
  }
}

export const AUDIT_QUERY_HANDLERS = [HouseholdHistoryHandler, VerifyLogHandler, LateRecordingsHandler, DivisionTreeHandler, ReadModelStatusHandler];
