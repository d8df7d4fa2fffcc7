import { InMemoryEventStore, SqliteEventStore } from '@hearth/event-store';
import type { HouseholdCommand } from '@hearth/domain';
import { DirectReports, openProjections, type Projections } from '../../src';
import { feed } from './feed';
import { edgeHouseholds, edgesContext, edgesRecordedAt } from './hand-worked-edges';

/** What the read models and the direct fold both answer. */
export type EdgeReports = Pick<DirectReports, 'clearanceReport' | 'monthlyReport' | 'progressReport' | 'backlogReport'>;

/** The edges region (hand-worked-edges.ts) in two stores, answered three ways. */
export interface EdgesAnswered {
  /** Fed household by household, as keyed, with the runner following live. */
  readonly byHousehold: { readonly store: SqliteEventStore; readonly p: Projections };
  /** Fed in business-date order, then caught up. */
  readonly byDay: { readonly store: InMemoryEventStore; readonly p: Projections };
  readonly direct: DirectReports;
  close(): Promise<void>;
}

/**
 * As in hand-worked-region.spec.ts, two stores get the same commands (household by
 * household with the runner following live; all of them in business-date order, caught
 * up), and the direct computation reads the first.
 */
export const answerEdges = async (): Promise<EdgesAnswered> => {
  const store = SqliteEventStore.open(':memory:');
  const p = openProjections(store, edgesContext);
  await p.runner.start();
  const fed = await feed(store, edgeHouseholds.flat(), edgesContext, { strict: true, recordedAt: edgesRecordedAt });
  await p.runner.waitFor(fed.lastPosition);

  // Sorting by business date puts e6's clearance (01-31) before its income (02-01): the
  // other order from the first store, where it was appended as it was keyed.
  const dayOrder: HouseholdCommand[] = [...edgeHouseholds.flat()].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const other = new InMemoryEventStore();
  await feed(other, dayOrder, edgesContext, { strict: true, recordedAt: edgesRecordedAt });
  const q = openProjections(other, edgesContext);
  await q.runner.catchUp();
  return {
    byHousehold: { store, p },
    byDay: { store: other, p: q },
    direct: await DirectReports.load(store, edgesContext),
    close: async () => {
      await p.close();
      await store.close();
      await q.close();
      await other.close();
    },
  };
};

/** Asks all three implementations, expects them to agree, and returns the answer. */
export const agreedOn = <T>(a: EdgesAnswered, ask: (r: EdgeReports) => T): T => {
  const answer = ask(a.byHousehold.p.reports);
  expect(ask(a.byDay.p.reports)).toEqual(answer);
  expect(ask(a.direct)).toEqual(answer);
  return answer;
};
