import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { anchorLog, type LogAnchor } from '@hearth/projections';
import type { HearthModuleOptions } from '../hearth-module-options';
import { HearthReadSide } from '../read-side/hearth-read-side';
import { HEARTH_OPTIONS } from '../tokens';

/**
 * The anchor of the log now, hashed (not signed: the service holds no signing key), as
 * `hearth anchor` prints it: to be kept or published outside the store, then checked
 * with `hearth verify --anchor` (docs/decisions/0041-log-anchors.md).
 */
export class AnchorQuery extends Query<LogAnchor> {}

@QueryHandler(AnchorQuery)
export class AnchorHandler implements IQueryHandler<AnchorQuery> {
  constructor(
    @Inject(HearthReadSide) private readonly readSide: HearthReadSide,
    @Inject(HEARTH_OPTIONS) private readonly options: HearthModuleOptions,
  ) {}

  /** Reads the log itself, like verify: no division tree or read model needed. A damaged stored event rejects with DamagedEventError. */
  execute(): Promise<LogAnchor> {
    const madeAt = this.options.now?.() ?? new Date().toISOString();
    return anchorLog(this.readSide.ledger.store, { madeAt });
  }
}
