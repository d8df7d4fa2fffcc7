import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import * as E from 'fp-ts/Either';
import { DomainError, HouseholdCommand } from '@hearth/domain';
import { CommandResult, StreamAppend, uuidV7 } from '@hearth/event-store';
import { Ledger, SCHEMA_VERSION } from '../ledger';
import { checkpointAppend, ImportCheckpoint, readImportCheckpoint } from './import-checkpoint';
import { readLineCommand } from './read-line-command';

export interface RejectedLine {
  readonly line: number;
  readonly householdId: string | null;
  readonly type: string | null;
  readonly code: string;
  readonly message: string;
  readonly fields?: readonly { path: string; message: string }[];
}

export interface ImportSummary {
  accepted: number;
  unchanged: number;
  rejected: RejectedLine[];
  /** Lines committed by an earlier, interrupted run of the same file and not read again. */
  skipped: number;
  resumedAfterLine: number;
}

export interface ImportOptions {
  /** A file path, or '-' for standard input (no resume for standard input). */
  readonly source: string;
  readonly batchSize?: number;
  readonly onProgress?: (p: { line: number; accepted: number; rejected: number }) => void;
  readonly now?: () => string;
}

const sha256OfFile = (path: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });

const peek = (value: unknown, key: string): string | null => {
  if (typeof value !== 'object' || value === null) return null;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'string' && v.length <= 64 ? v : null;
};

const roughFields = (line: string): { householdId: string | null; type: string | null } => {
  try {
    const v: unknown = JSON.parse(line);
    return { householdId: peek(v, 'householdId'), type: peek(v, 'type') };
  } catch {
    return { householdId: null, type: null };
  }
};

/**
 * Applies a command log, one JSON command a line, in batches: each batch is decided
 * against cached household states and written in one transaction together with the
 * file's import checkpoint. A rejected line appends nothing and the import goes on.
 */
export const importCommands = async (ledger: Ledger, opts: ImportOptions): Promise<ImportSummary> => {
  const batchSize = opts.batchSize ?? 1000;
  const now = opts.now ?? (() => new Date().toISOString());
  const fromStdin = opts.source === '-';
  const fileSha = fromStdin ? undefined : await sha256OfFile(opts.source);
  let checkpoint: ImportCheckpoint | undefined = fileSha ? await readImportCheckpoint(ledger.store, fileSha) : undefined;
  const summary: ImportSummary = { accepted: 0, unchanged: 0, rejected: [], skipped: 0, resumedAfterLine: checkpoint?.throughLine ?? 0 };
  const handler = ledger.batchHandler();
  const ctx = ledger.context();

  let pending: { line: number; command: HouseholdCommand }[] = [];
  let lastLine = 0;

  const flush = async (): Promise<void> => {
    if (pending.length === 0 && (checkpoint === undefined || checkpoint.throughLine >= lastLine)) return;
    const alsoAppend: StreamAppend[] = [];
    let next: ImportCheckpoint | undefined;
    if (fileSha && checkpoint) {
      const c = checkpointAppend(fileSha, checkpoint, lastLine, {
        eventId: uuidV7(), recordedAt: now(), actor: 'importer', occurredOn: now().slice(0, 10),
        schemaVersion: SCHEMA_VERSION, file: opts.source,
      });
      alsoAppend.push(c.append);
      next = c.next;
    }
    const results: CommandResult<DomainError>[] = await handler.handleMany(pending.map((p) => p.command), ctx, { alsoAppend });
    results.forEach((r, i) => {
      const p = pending[i] as { line: number; command: HouseholdCommand };
      if (r.status === 'accepted') summary.accepted += 1;
      else if (r.status === 'unchanged') summary.unchanged += 1;
      else if (r.status === 'rejected')
        summary.rejected.push({ line: p.line, householdId: p.command.householdId, type: p.command.type, code: r.error.code, message: r.error.message });
      else
        summary.rejected.push({ line: p.line, householdId: p.command.householdId, type: p.command.type, code: 'CONCURRENCY_CONFLICT', message: `another writer kept changing the household; gave up after ${r.attempts} attempts — nothing appended, import the line again` });
    });
    if (next) checkpoint = next;
    pending = [];
    opts.onProgress?.({ line: lastLine, accepted: summary.accepted, rejected: summary.rejected.length });
  };

  const input = fromStdin ? (process.stdin as Readable) : createReadStream(opts.source);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (lineNumber <= summary.resumedAfterLine) {
      if (line.trim() !== '') summary.skipped += 1;
      continue;
    }
    lastLine = lineNumber;
    if (line.trim() === '') continue;
    const parsed = readLineCommand(line, lineNumber);
    if (E.isLeft(parsed)) {
      summary.rejected.push({ line: lineNumber, ...roughFields(line), code: parsed.left.code, message: parsed.left.message, ...(parsed.left.fields ? { fields: parsed.left.fields } : {}) });
      continue;
    }
    pending.push({ line: lineNumber, command: parsed.right });
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  return summary;
};
