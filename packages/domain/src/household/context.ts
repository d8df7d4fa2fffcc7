import { DivisionTree } from '../divisions';
import { Policy } from '../policy';
import { Fact } from './state';

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
  /**
   * The stream's stored events, in order, as stored (uncorrected): what a decision that
   * reads the past needs and the state does not keep (`needsHistory` says which commands:
   * CorrectEvent, and a retry whose commandId fingerprint is to be confirmed). Command
   * handlers read it from the stream for those commands only, so ordinary commands do not
   * pay for it (docs/decisions/0050-lean-fold.md).
   */
  readonly history?: readonly Fact[];
  /**
   * When the decision is recorded (ISO timestamp), and by whom: for the envelope, and for the
   * one rule that a command is not dated after it is recorded (docs/decisions/0135).
   */
  readonly recordedAt?: string;
  readonly actor?: string;
  /**
   * The division whose subtree the actor works in (a caseworker's area), for a command
   * handler's decisions only: a household the tree places elsewhere is refused OUTSIDE_AREA,
   * judged on the state the decision is made from, so that a household another command
   * moves meanwhile is never acted on from outside (docs/decisions/0216). Replays never
   * set it: who may act now says nothing of what was decided then. Absent: any household.
   */
  readonly actingWithin?: string;
}
