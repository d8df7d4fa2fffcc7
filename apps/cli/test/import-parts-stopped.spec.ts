import { ImportStoppedError, type ImportSummary } from '@hearth/ledger';
import { type PartRun, stoppedOfParts } from '../src/commands/import-parts';
import { importStop } from '../src/commands/import-stop';

/**
 * The "stopped" of `hearth import --workers`: its committedThroughLine is the least of the
 * stopped parts', and its message must not say otherwise (docs/decisions/0210). A rerun
 * resumes each part after its own line: the message names each stopped part's.
 */
const summary = (): ImportSummary => ({ accepted: 5, unchanged: 0, rejected: [], skipped: 0, resumedAfterLine: 0, earlierRejected: [] });
const stoppedAt = (index: number, line: number): PartRun => {
  const { stopped } = importStop(new ImportStoppedError(summary(), line, 'concurrent-import', new Error('wrong expected version'), undefined, 'region.jsonl'));
  return { part: { index, count: 3 }, exitCode: 3, summary: { ...summary(), stopped } };
};
const finished: PartRun = { part: { index: 2, count: 3 }, exitCode: 0, summary: summary() };

describe('the whole\'s "stopped" when parts of a --workers import stopped', () => {
  const whole = stoppedOfParts([stoppedAt(1, 30226), finished, stoppedAt(3, 25703)]);

  it('commits through the least line of the stopped parts, and names them', () => {
    expect({ reason: whole?.reason, committedThroughLine: whole?.committedThroughLine, parts: whole?.parts }).toEqual({
      reason: 'concurrent-import', committedThroughLine: 25703, parts: ['1/3', '3/3'],
    });
  });

  it("says each stopped part's own line, not the first part's as if it were the whole's", () => {
    expect(whole?.message).toContain('part 1/3: another import of region.jsonl committed meanwhile, so this one stopped; lines up to 30226 are committed');
    expect(whole?.message).toContain('part 3/3: another import of region.jsonl committed meanwhile, so this one stopped; lines up to 25703 are committed');
    expect(whole?.message).not.toContain('part 2/3');
  });

  it('is none when no part stopped', () => {
    expect(stoppedOfParts([finished])).toBeUndefined();
  });
});
