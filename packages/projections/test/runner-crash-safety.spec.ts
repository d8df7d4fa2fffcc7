import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@hearth/event-store';
import { openProjections } from '../src';
import { dumpReadModels } from './support/dump';
import { feed } from './support/feed';
import { generatedRegion } from './support/generated-region';
import { context, policy, region } from './support/region';

const WORKER = join(__dirname, 'support', 'projection-worker.ts');

/** Starts the worker and SIGKILLs it as soon as it has committed `batches` batches; resolves once it is dead. */
const runAndKill = (db: string, mode: 'catch-up' | 'rebuild', batches: number): Promise<{ killed: boolean; output: string }> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [require.resolve('tsx/cli'), WORKER, db, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let seen = 0;
    let killed = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      seen = output.split('\n').filter((l) => l.startsWith('progress')).length;
      // The tsx CLI runs the script in a child process: kill that one, by the pid it printed.
      const pid = Number(/^pid (\d+)$/m.exec(output)?.[1]);
      if (seen >= batches && !killed && pid > 0) {
        killed = true;
        process.kill(pid, 'SIGKILL');
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    // tsx exits once its child has: by then the worker is dead and reaped.
    child.on('exit', () => resolve({ killed, output }));
  });

const checkpointsIn = (file: string): { name: string; position: number }[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { name: string; position: number }>('SELECT name, position FROM projection_checkpoints ORDER BY name').all();
  } finally {
    db.close();
  }
};

const headOf = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], number>('SELECT max(position) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
};

/** The secondary indexes in the file (a catch-up far behind the log leaves them out until it reaches the head: docs/decisions/0075). */
const indexesIn = (db: Database.Database): string[] =>
  db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").pluck().all();

const indexesInFile = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return indexesIn(db);
  } finally {
    db.close();
  }
};

/** Opens the file, lets the projections catch up in this process, and returns the read models with the names of their indexes. */
const catchUpAndDump = async (file: string): Promise<string> => {
  const store = SqliteEventStore.open(file);
  const p = openProjections(store, { policy, divisions: region });
  await p.runner.catchUp();
  const dump = `${dumpReadModels(store.db)}\n${indexesIn(store.db).join(',')}`;
  await p.close();
  await store.close();
  return dump;
};

/**
 * A projection process is killed with SIGKILL in the middle of catching up, and in the
 * middle of a rebuild; after a restart the read models are exactly those of a run that
 * was never interrupted.
 */
describe('the runner survives kill -9', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-projections-'));
  const file = join(dir, 'hearth.db');
  let expected = '';
  let head = 0;

  beforeAll(async () => {
    const store = SqliteEventStore.open(file);
    await feed(store, generatedRegion(300), context);
    await store.close();
    head = headOf(file);
    const reference = join(dir, 'reference.db');
    copyFileSync(file, reference);
    expected = await catchUpAndDump(reference);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has a few thousand events to work on, and a reference with every secondary index', () => {
    expect(head).toBeGreaterThan(2000);
    expect(expected).toContain('proj_status_changes_on');
  });

  it('mid catch-up: restarts from its checkpoint to the same read models', async () => {
    const run = await runAndKill(file, 'catch-up', 5);
    expect(run.killed).toBe(true);
    expect(run.output).not.toContain('done');
    const reached = checkpointsIn(file).map((c) => c.position);
    expect(Math.min(...reached)).toBeGreaterThan(0);
    expect(Math.max(...reached)).toBeLessThan(head);
    // Killed far behind the log: the read models' secondary indexes were left out, and the restart creates them.
    expect(indexesInFile(file).filter((name) => name.startsWith('proj_') || name.startsWith('agg_'))).toEqual([]);
    expect(await catchUpAndDump(file)).toBe(expected);
  });

  it('mid rebuild: the next start finishes the rebuild to the same read models', async () => {
    const run = await runAndKill(file, 'rebuild', 5);
    expect(run.killed).toBe(true);
    expect(run.output).not.toContain('done');
    expect(Math.max(...checkpointsIn(file).map((c) => c.position))).toBeLessThan(head);
    expect(indexesInFile(file).filter((name) => name.startsWith('proj_') || name.startsWith('agg_'))).toEqual([]);
    expect(await catchUpAndDump(file)).toBe(expected);
  });
});
