import { DivisionTree } from '../divisions';
import { Policy } from '../policy';

/**
 * Everything `decide` may consult besides the command and the state. The caller
 * supplies it, so the domain needs no clock, no configuration lookup and no I/O.
 */
export interface DecisionContext {
  readonly policy: Policy;
  /** The division tree in force now: new commands are decided against it. */
  readonly divisions: DivisionTree;
  /**
   * The tree in force when the stored event at a global position was recorded (the latest
   * tree before it in the log): replays decide each stored event against it, so that a
   * later tree never turns an earlier, valid event into an anomaly (docs/decisions/0015).
   * Absent: every event is replayed against `divisions`.
   */
  readonly divisionsAt?: (position: number) => DivisionTree | undefined;
  /** When the decision is recorded (ISO timestamp), and by whom: for the envelope, not for rules. */
  readonly recordedAt?: string;
  readonly actor?: string;
}
