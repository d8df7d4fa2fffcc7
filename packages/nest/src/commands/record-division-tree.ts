import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import * as E from 'fp-ts/Either';
import { FieldError, isBusinessDate } from '@hearth/domain';
import { HearthReadSide } from '../read-side/hearth-read-side';

export type DivisionTreeResult = E.Either<FieldError[], { changed: boolean; divisions: number }>;

/**
 * Records the division tree in force from business date `on` (the ledger's
 * `recordDivisionTree`: the same tree again records nothing; an invalid one is a Left
 * naming the fields). A changed tree reopens the read models on it.
 */
export class RecordDivisionTreeCommand extends Command<DivisionTreeResult> {
  constructor(
    /** The list of divisions, as `hearth divisions load` reads it (decoded here). */
    readonly divisions: unknown,
    readonly on: string,
  ) {
    super();
  }
}

@CommandHandler(RecordDivisionTreeCommand)
export class RecordDivisionTreeHandler implements ICommandHandler<RecordDivisionTreeCommand> {
  constructor(@Inject(HearthReadSide) private readonly readSide: HearthReadSide) {}

  async execute({ divisions, on }: RecordDivisionTreeCommand): Promise<DivisionTreeResult> {
    // The divisions themselves are decoded by the ledger; the date is ours to check.
    if (!isBusinessDate(on)) return E.left([{ path: 'on', message: `must be a date (YYYY-MM-DD), got ${JSON.stringify(on)}` }]);
    const result = await this.readSide.ledger.recordDivisionTree(divisions, on);
    if (E.isRight(result) && result.right.changed) await this.readSide.reopen();
    return result;
  }
}
