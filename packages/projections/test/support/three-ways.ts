import type { HouseholdCommand } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { DirectReports, openProjections, Projections } from '../../src';
import { feed } from './feed';
import { context, policy, region } from './region';

/** A hand-worked log answered three ways: read models fed live, read models rebuilt from the log, and the direct fold. */
export interface ThreeWays {
  readonly live: Projections;
  readonly rebuilt: Projections;
  readonly direct: DirectReports;
  close(): Promise<void>;
}

/** `commands` fed, every one accepted (a refusal throws: the scenario is written by hand), into a store read three ways. */
export const fedThreeWays = async (commands: readonly HouseholdCommand[]): Promise<ThreeWays> => {
  const store = SqliteEventStore.open(':memory:');
  const live = openProjections(store, { policy, divisions: region });
  await live.runner.start();
  const fed = await feed(store, commands, context, { strict: true });
  await live.runner.waitFor(fed.lastPosition);
  const rebuilt = openProjections(store, { policy, divisions: region });
  await rebuilt.runner.rebuild();
  const direct = await DirectReports.load(store, context);
  return {
    live,
    rebuilt,
    direct,
    close: async () => {
      await live.close();
      await rebuilt.close();
      await store.close();
    },
  };
};
