import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/Either';
import { parseCommand, type HouseholdCommand } from '@hearth/domain';
import { SqliteEventStore, type CommandResult } from '@hearth/event-store';
import { Ledger } from '@hearth/ledger';
import { removeDb } from './child';
import { compare, perSecond, type Clock } from './harness';
import { readLines, type BenchRegion } from './region';

/** Commands sent one at a time (the first ones of the region, household after household). */
export const APPEND_COMMANDS = 3000;

export interface AppendResult {
  /** Commands handled per timed run, and what became of them. */
  readonly commands: number;
  readonly accepted: number;
  readonly events: number;
  readonly subjectMs: number;
  readonly baselineMs: number;
  /** Commands per second through `ledger.commandHandler()`. */
  readonly subjectPerSec: number;
  /** Commands per second of the raw optimistic writer (one transaction per command). */
  readonly baselinePerSec: number;
  /** subjectPerSec / baselinePerSec: the share of the floor's rate the handler reaches (higher is better, 1 = at the floor). */
  readonly ratio: number;
}

/** One command's write as the floor replays it: its stream and the rows the handler stored for it (none when rejected or unchanged). */
interface PlannedWrite {
  readonly streamId: string;
  readonly rows: readonly { event_id: string; type: string; data: string; metadata: string }[];
}

/** A fresh SQLite file with the store's own schema (the store creates it), closed again. */
const freshSchema = async (path: string): Promise<void> => {
  const store = SqliteEventStore.open(path);
  await store.close();
};

/** The store's pragmas (SqliteEventStore.open): WAL, synchronous = NORMAL, the same busy timeout. */
const openRaw = (path: string): Database.Database => {
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
};

/** The rows the first subject run stored, grouped by the command that stored them, in order. */
const planFrom = (path: string, before: number, results: readonly CommandResult<unknown>[]): PlannedWrite[] => {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db
      .prepare<[number], { event_id: string; type: string; data: string; metadata: string }>('SELECT event_id, type, data, metadata FROM events WHERE position > ? ORDER BY position')
      .all(before);
    let next = 0;
    const plan = results.map((r) => {
      const count = r.status === 'accepted' ? r.events.length : 0;
      const mine = rows.slice(next, next + count);
      next += count;
      return { streamId: r.streamId, rows: mine };
    });
    if (next !== rows.length) throw new Error(`append: the handler stored ${rows.length} rows but reported ${next} events`);
    return plan;
  } finally {
    db.close();
  }
};

/**
 * The floor of an optimistic append: per command one `BEGIN IMMEDIATE` transaction
 * that reads the stream's version (`SELECT max(version)`, the store's own query) and
 * inserts the rows the handler stored for that command (already serialised) at the
 * next versions, into the store's own table and indexes. A command the handler
 * rejected or found unchanged still costs the floor its read, in its transaction.
 */
export const rawAppend = (db: Database.Database, plan: readonly PlannedWrite[]): number => {
  const version = db.prepare<[string], number | null>('SELECT max(version) FROM events WHERE stream_id = ?').pluck();
  const insert = db.prepare('INSERT INTO events (stream_id, version, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  const write = db.transaction((w: PlannedWrite) => {
    let v = version.get(w.streamId) ?? -1;
    for (const r of w.rows) insert.run(w.streamId, ++v, r.event_id, r.type, r.data, r.metadata);
  });
  let rows = 0;
  for (const w of plan) {
    write.immediate(w);
    rows += w.rows.length;
  }
  return rows;
};

/**
 * One command at a time through the command handler (`ledger.commandHandler()`: decide on
 * the household's cached fold — the whole stream read on first sight — seal the hash chain,
 * append with the version folded to, which checks the fold) on a
 * fresh SQLite store holding the division tree, against the raw optimistic writer
 * above replaying the same rows on a fresh file with the same schema and pragmas.
 */
export const appendBench = async (
  region: BenchRegion,
  opts: { rounds?: number; warmup?: number; clock?: Clock; commands?: number; onRun?: (what: string, ms: number) => void } = {},
): Promise<AppendResult> => {
  const commands: HouseholdCommand[] = [];
  for (const line of readLines(region.commandsFile).slice(0, opts.commands ?? APPEND_COMMANDS)) {
    const parsed = parseCommand(JSON.parse(line) as unknown);
    if (E.isRight(parsed)) commands.push(parsed.right);
  }
  const tree = JSON.parse(readFileSync(region.divisionsFile, 'utf8')) as unknown;
  let files = 0;
  const fresh = (what: string) => join(region.workDir, `append-${what}-${process.pid}-${++files}.db`);
  let plan: PlannedWrite[] | undefined;

  const c = await compare({
    rounds: opts.rounds ?? 3,
    // One untimed run of each side first, as in decide-bench: a service handling commands
    // one at a time runs warm, and the first 3,000 commands through the handler pay V8's
    // compilation of the domain, the codecs and the seal (~1.8x the warm CPU), the floor's
    // few lines almost nothing (docs/performance/writes.md, "Single-command append").
    warmup: opts.warmup ?? 1,
    ...(opts.clock ? { clock: opts.clock } : {}),
    subject: {
      prepare: async () => {
        const path = fresh('handler');
        const ledger = await Ledger.open({ storeUrl: `sqlite:${path}`, policy: region.policy });
        const recorded = await ledger.recordDivisionTree(tree, '2015-12-31');
        if (E.isLeft(recorded)) throw new Error(`append: the division tree was refused: ${JSON.stringify(recorded.left)}`);
        return { path, ledger, before: await ledger.store.headPosition() };
      },
      run: async ({ ledger }) => {
        const handler = ledger.commandHandler();
        const ctx = ledger.context();
        const results: CommandResult<unknown>[] = [];
        for (const cmd of commands) results.push(await handler.handle(cmd, ctx));
        return results;
      },
      cleanup: async ({ path, ledger, before }, results) => {
        await ledger.close();
        plan ??= planFrom(path, before, results);
        removeDb(path);
      },
    },
    baseline: {
      prepare: async () => {
        if (!plan) throw new Error('append: the floor replays the first handler run, which must come first');
        const path = fresh('floor');
        await freshSchema(path);
        return { path, db: openRaw(path), plan };
      },
      run: ({ db, plan: p }) => rawAppend(db, p),
      cleanup: ({ path, db }) => {
        db.close();
        removeDb(path);
      },
    },
    onRun: (side, _r, ms) => opts.onRun?.(side === 'S' ? 'command handler, one at a time' : 'raw max(version) + INSERT', ms),
  });
  const results = c.subject.results[0] as CommandResult<unknown>[];
  const conflicts = results.filter((r) => r.status === 'conflict').length;
  if (conflicts > 0) throw new Error(`append: ${conflicts} commands ended in a conflict with no other writer`);
  const events = c.baseline.results[0] as number;
  const subjectPerSec = perSecond(commands.length, c.subject.medianMs);
  const baselinePerSec = perSecond(commands.length, c.baseline.medianMs);
  return {
    commands: commands.length,
    accepted: results.filter((r) => r.status === 'accepted').length,
    events,
    subjectMs: c.subject.medianMs,
    baselineMs: c.baseline.medianMs,
    subjectPerSec,
    baselinePerSec,
    // A ratio of rates (higher is better), unlike the harness's ratio of times.
    ratio: subjectPerSec / baselinePerSec,
  };
};
