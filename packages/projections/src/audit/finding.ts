/** One thing `hearth verify` found at one event: an anomaly, or a notice. */
export interface LogFinding {
  /** The household (the stream id for a stream that is not a household's). */
  readonly householdId: string;
  /** Global position of the event. */
  readonly position: number;
  readonly kind: string;
  readonly detail: string;
}
