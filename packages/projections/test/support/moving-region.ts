import type { HouseholdCommand } from '@hearth/domain';
import { c, member } from './commands';

/**
 * A region whose households a reorganisation (reorganised-region.ts) certainly moves, for
 * the properties over random reorganisations to run before their random cases (fast-check's
 * `examples`, which count as runs). Whether a random region has an open household in V1 or
 * V2 before the change is chance: about one run in five has none, more among fast-check's
 * small first runs, so at six to eight runs the moves were sometimes never exercised and the
 * properties' "households really moved" guards failed CI. h1 is identified in V1 before the
 * change and cleared in V6 after it; h2 registers in V2 before it and is identified in V5
 * after it.
 */
export const MOVING_REGION: HouseholdCommand[][] = [
  [
    c.register('h1', '2016-01-10', 'V1', [['m1', 1990]]),
    c.survey('h1', '2016-01-20', member('m1', 'full', true)),
    c.apply('h1', '2016-02-01'),
    c.identify('h1', '2016-03-01'),
    c.employ('h1', '2016-07-01', 'e1', 'enterprise', 'in-region', 2000),
    c.clear('h1', '2016-07-15'),
  ],
  [
    c.register('h2', '2016-02-03', 'V2', [['m1', 1985]]),
    c.survey('h2', '2016-02-10', member('m1', 'full', true)),
    c.apply('h2', '2016-07-01'),
    c.identify('h2', '2016-08-01'),
  ],
];

/**
 * The properties put the change on the first day of `months[1 + pick % (months - 1)]`, and
 * MOVING_REGION's months run from 2016-01 to 2017-12. `midway` puts it on 2016-06-01, for
 * a property that splits each household's commands at the change; `afterEveryCommand` on
 * 2017-01-01, for one that feeds every command before the moves (a move dated before a
 * household's latest command is refused as BACKDATED).
 */
export const MOVING_PICK = { midway: 4, afterEveryCommand: 11 } as const;
