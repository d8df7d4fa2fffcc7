import * as E from 'fp-ts/Either';
import { buildDivisionTree, DecisionContext, EMPLOYMENTS_AT_MOST, MEMBERS_AT_MOST, referencePolicy } from '@hearth/domain';
import { generateDivisions } from '@hearth/simulator';
import { decideAndFold } from '../decide-bench';
import { loadCommand, loadHouseholdId, setupCommands } from './workload';

// A fast machine sends one household hundreds of commands in the load test's two seconds; a
// workload that grew a bounded record (AddMember: 50 at most) met LIMIT_REACHED there, and only there.
describe('load workload', () => {
  it('every command it sends one household appends, far past every bound a household\'s records have', () => {
    const divisions = generateDivisions({ households: 1, seed: 1 });
    const village = divisions.find((d) => d.level === 'village')?.code as string;
    const tree = buildDivisionTree(divisions);
    if (E.isLeft(tree)) throw new Error(`the generated tree is refused: ${JSON.stringify(tree.left)}`);
    const ctx: DecisionContext = { policy: referencePolicy, divisions: tree.right, recordedAt: '2026-06-01T00:00:00.000Z', actor: 'load-spec' };
    const householdId = loadHouseholdId(0);
    const sends = 4 * (Math.max(MEMBERS_AT_MOST, EMPLOYMENTS_AT_MOST) + 1);
    const lines = [
      ...setupCommands(householdId, village, '2026-06-01'),
      ...Array.from({ length: sends }, (_, k) => loadCommand(householdId, '2026-06-01', `0-${k}`, k)),
    ].map((c) => JSON.stringify(c));
    const outcome = decideAndFold(lines, ctx);
    expect(outcome).toMatchObject({ rejected: 0, unchanged: 0, accepted: lines.length });
  });
});
