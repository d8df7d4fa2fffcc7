import { InMemoryEventStore, SqliteEventStore } from '@hearth/event-store';
import type { HouseholdCommand } from '@hearth/domain';
import { DirectReports, openProjections, type Projections } from '../../src';
import { feed } from './feed';
import { correctedHouseholds } from './hand-worked-corrections';
import { context } from './region';

/** What the read models and the direct fold both answer. */
export type CorrectionReports = Pick<DirectReports, 'clearanceReport' | 'monthlyReport' | 'progressReport' | 'backlogReport'>;

/** The corrected households (hand-worked-corrections.ts) in two stores, answered three ways. */
export interface CorrectionsAnswered {
  /** Fed household by household, as keyed, with the runner following live. */
  readonly byHousehold: { readonly store: SqliteEventStore; readonly p: Projections };
  /** Fed in business-date order, then caught up. */
  readonly byDay: { readonly store: InMemoryEventStore; readonly p: Projections };
  readonly direct: DirectReports;
  close(): Promise<void>;
}

/**
 * As support/hand-worked-edges-answered.ts: in the first store every correction reaches a
 * runner that has already counted the event it amends; in the second, sorted by business
 * date, the other households' events of the months between come in between.
 */
export const answerCorrections = async (): Promise<CorrectionsAnswered> => {
  const store = SqliteEventStore.open(':memory:');
  const p = openProjections(store, context);
  await p.runner.start();
  const fed = await feed(store, correctedHouseholds.flat(), context, { strict: true });
  await p.runner.waitFor(fed.lastPosition);

  const dayOrder: HouseholdCommand[] = [...correctedHouseholds.flat()].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const other = new InMemoryEventStore();
  await feed(other, dayOrder, context, { strict: true });
  const q = openProjections(other, context);
  await q.runner.catchUp();
  return {
    byHousehold: { store, p },
    byDay: { store: other, p: q },
    direct: await DirectReports.load(store, context),
    close: async () => {
      await p.close();
      await store.close();
      await q.close();
      await other.close();
    },
  };
};

/** Asks all three implementations, expects them to agree, and returns the answer. */
export const agreedOn = <T>(a: CorrectionsAnswered, ask: (r: CorrectionReports) => T): T => {
  const answer = ask(a.byHousehold.p.reports);
  expect(ask(a.byDay.p.reports)).toEqual(answer);
  expect(ask(a.direct)).toEqual(answer);
  return answer;
};
