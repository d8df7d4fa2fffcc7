import type { ImportSummary } from './importer';
import { byLine } from './rejected-line';

/**
 * The summary of a file imported in parts (docs/decisions/0172), from the parts' own: every
 * count added up, the rejections of all parts in line order (each line is one part's), and
 * `resumedAfterLine` the line every part had committed through when the run began (the
 * least of theirs: a part resumes after its own).
 */
export const mergeImportSummaries = (parts: readonly ImportSummary[]): ImportSummary => ({
  accepted: parts.reduce((n, p) => n + p.accepted, 0),
  unchanged: parts.reduce((n, p) => n + p.unchanged, 0),
  rejected: parts.flatMap((p) => p.rejected).sort(byLine),
  skipped: parts.reduce((n, p) => n + p.skipped, 0),
  resumedAfterLine: parts.length === 0 ? 0 : Math.min(...parts.map((p) => p.resumedAfterLine)),
  earlierRejected: parts.flatMap((p) => p.earlierRejected).sort(byLine),
});
