import type { DecisionContext, HouseholdCommand } from '@hearth/domain';
import { InMemoryEventStore, SqliteEventStore } from '@hearth/event-store';
import { DirectReports, openProjections, type Projections } from '../../src';
import { feed } from './feed';

/** What the read models and the direct fold both answer. */
export type AgreedReports = Pick<DirectReports, 'clearanceReport' | 'monthlyReport' | 'progressReport' | 'backlogReport'>;

/** A hand-written log in two stores, answered three ways. */
export interface AnsweredByTwoStores {
  /** Fed as written (household by household), with the runner following live. */
  readonly byHousehold: { readonly store: SqliteEventStore; readonly p: Projections };
  /** Fed in business-date order, then caught up. */
  readonly byDay: { readonly store: InMemoryEventStore; readonly p: Projections };
  /** The direct fold over the first store: the tests' oracle. */
  readonly direct: DirectReports;
  close(): Promise<void>;
}

/**
 * As in hand-worked-region.spec.ts: two stores get the same commands, every one accepted (a
 * refusal throws: the log is written by hand), one as written with the runner following
 * live, so that each event (a correction among them) reaches a runner that has counted what
 * came before it in its household; the other in business-date order, so that the other
 * households' events of the days between come in between, and caught up.
 */
export const answerByTwoStores = async (commands: readonly HouseholdCommand[], ctx: DecisionContext, recordedAt?: (c: HouseholdCommand) => string): Promise<AnsweredByTwoStores> => {
  const fed = recordedAt === undefined ? { strict: true } : { strict: true, recordedAt };
  const store = SqliteEventStore.open(':memory:');
  const p = openProjections(store, ctx);
  await p.runner.start();
  await p.runner.waitFor((await feed(store, commands, ctx, fed)).lastPosition);

  const dayOrder = [...commands].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const other = new InMemoryEventStore();
  await feed(other, dayOrder, ctx, fed);
  const q = openProjections(other, ctx);
  await q.runner.catchUp();
  return {
    byHousehold: { store, p },
    byDay: { store: other, p: q },
    direct: await DirectReports.load(store, ctx),
    close: async () => {
      await p.close();
      await store.close();
      await q.close();
      await other.close();
    },
  };
};

/** Asks all three implementations, expects them to agree, and returns the answer. */
export const agreedOn = <T>(a: AnsweredByTwoStores, ask: (r: AgreedReports) => T): T => {
  const answer = ask(a.byHousehold.p.reports);
  expect(ask(a.byDay.p.reports)).toEqual(answer);
  expect(ask(a.direct)).toEqual(answer);
  return answer;
};
