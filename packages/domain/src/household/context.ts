import { DivisionTree } from '../divisions';
import { Policy } from '../policy';

/**
 * Everything `decide` may consult besides the command and the state. The caller
 * supplies it, so the domain needs no clock, no configuration lookup and no I/O.
 */
export interface DecisionContext {
  readonly policy: Policy;
  readonly divisions: DivisionTree;
  /** When the decision is recorded (ISO timestamp), and by whom: for the envelope, not for rules. */
  readonly recordedAt?: string;
  readonly actor?: string;
}
