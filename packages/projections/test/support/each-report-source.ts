import type { DecisionContext, HouseholdCommand } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { DirectReports, openProjections } from '../../src';
import { feed } from './feed';
import type { ReportSource } from './snapshot';

export type ReportSide = 'live' | 'direct' | 'rebuilt';

/**
 * Feeds a hand-written history (strictly: a refused command throws) under `ctx`, the read
 * models following live in pages of `batchSize` events, then hands `check` each source of
 * the reports in turn: the live read models, the direct fold and the read models rebuilt.
 */
export const eachReportSource = async (
  commands: readonly HouseholdCommand[], ctx: DecisionContext, check: (reports: ReportSource, side: ReportSide) => void, batchSize = 3,
): Promise<void> => {
  const store = SqliteEventStore.open(':memory:');
  const projections = openProjections(store, { policy: ctx.policy, divisions: ctx.divisions, runner: { batchSize } });
  try {
    await projections.runner.start();
    const fed = await feed(store, commands, ctx, { strict: true });
    await projections.runner.waitFor(fed.lastPosition);
    check(projections.reports, 'live');
    check(await DirectReports.load(store, ctx), 'direct');
    await projections.rebuild();
    check(projections.reports, 'rebuilt');
  } finally {
    await projections.close();
    await store.close();
  }
};
