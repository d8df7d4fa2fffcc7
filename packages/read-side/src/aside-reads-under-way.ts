/** An answer read in the report worker and the position it stands at; undefined when the read models did not stand at one position at least the one asked (ReportAside.read). */
export type AsideAnswer = { value: unknown; position: number } | undefined;

/**
 * The reads under way in the report worker, by what they compute (their key), each with the
 * lowest position its answer may stand at: the same call asked again while it is read waits
 * for that read instead of starting another, when that answer may stand where this call needs.
 */
export class AsideReadsUnderWay {
  private readonly underWay = new Map<string, { readonly atLeast: number; readonly answer: Promise<AsideAnswer> }>();

  /** The read under way for `key` whose answer stands at `atLeast` or later, else the one `start` begins, known until it settles. */
  joinOrStart(key: string, atLeast: number, start: () => Promise<AsideAnswer>): Promise<AsideAnswer> {
    const current = this.underWay.get(key);
    if (current !== undefined && current.atLeast >= atLeast) return current.answer;
    const answer = start();
    const started = { atLeast, answer };
    this.underWay.set(key, started);
    const done = (): void => {
      if (this.underWay.get(key) === started) this.underWay.delete(key);
    };
    answer.then(done, done);
    return answer;
  }
}
