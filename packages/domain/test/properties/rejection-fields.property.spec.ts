import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { DecisionContext } from '../../src/household/context';
import { arbContext, householdCommands, isPathOf, propertyRuns, runHousehold } from '../../src/testing';

/**
 * docs/decisions/0148: every rejection the Decider returns names at least one field, by a
 * path the rejected command holds, so that an edge (the API's `field`, an import's rejected
 * line) can always point the caller at it. Run over generated histories with the reference
 * policy and with a back-dating allowance, so that the checks of a fact's order
 * (subject-in-order.ts, statusChangeInOrder) refuse too.
 */
const allowing30Days: DecisionContext = { ...arbContext, policy: { ...arbContext.policy, backdatingAllowanceDays: 30 } };

describe('property: every rejection names a field of its command', () => {
  const codes = new Set<string>();

  it.each([['the reference policy', arbContext] as const, ['a 30-day back-dating allowance', allowing30Days] as const])('under %s', (_name, ctx) => {
    fc.assert(
      fc.property(householdCommands(), (commands) => {
        for (const step of runHousehold(commands, ctx).steps) {
          if (E.isRight(step.decision)) continue;
          const { code, fields = [] } = step.decision.left;
          codes.add(code);
          expect({ code, named: fields.length > 0, unknownPaths: fields.map((f) => f.path).filter((p) => !isPathOf(step.command, p)) }).toEqual({ code, named: true, unknownPaths: [] });
        }
      }),
      propertyRuns(200, process.env),
    );
  });

  it('saw enough kinds of rejection to mean something', () => {
    expect(codes.size).toBeGreaterThanOrEqual(20);
  });
});
