import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { HouseholdCommand, referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { ReadSide } from '@hearth/read-side';
import { ClearanceReportQuery, HEARTH_LEDGER, ModuleShutDownError, ReadModelStatusQuery } from '../src';
import { hearthApp, scratch } from './support/hearth-app';
import { identification, registration } from './support/region';

/** The read models' checkpoint and the log's head as the file holds them, read without catching up. */
const storedPositions = async (store: string): Promise<{ position: number; head: number }> => {
  const ledger = await Ledger.open({ storeUrl: store, policy: referencePolicy });
  try {
    const side = await ReadSide.open(ledger, { catchUp: false });
    try {
      return await side.status();
    } finally {
      await side.close();
    }
  } finally {
    await ledger.close();
  }
};

/** Commands recorded by another writer on the same store (as the CLI would). */
const appendElsewhere = async (store: string, commands: readonly HouseholdCommand[]): Promise<void> => {
  const writer = await Ledger.open({ storeUrl: store, policy: referencePolicy });
  try {
    for (const c of commands) expect(await writer.commandHandler().handle(c, writer.context())).toMatchObject({ status: 'accepted' });
  } finally {
    await writer.close();
  }
};

describe('the module follows the log from bootstrap to shutdown', () => {
  it('starts following at bootstrap on a store that has a tree, and stops and closes everything on shutdown', async () => {
    const tmp = scratch();
    try {
      const first = await hearthApp({ store: tmp.store });
      await first.recordTree();
      await first.app.close();
      await appendElsewhere(tmp.store, identification('hh-1'));
      expect(await storedPositions(tmp.store)).toEqual({ position: 1, head: 5 });

      // Bootstrap alone (no query yet) brings the read models up to the log's head.
      const hearth = await hearthApp({ store: tmp.store });
      let open = true;
      try {
        expect(await storedPositions(tmp.store)).toEqual({ position: 5, head: 5 });
        // A report counts what was appended before it was asked, through the module or by another writer on the store.
        await hearth.record([registration('hh-0')]);
        await appendElsewhere(tmp.store, identification('hh-3'));
        expect(await hearth.queries.execute(new ClearanceReportQuery({ year: 2016 }))).toMatchObject({ identifiedInYear: 2 });
        expect(await hearth.queries.execute(new ReadModelStatusQuery())).toEqual({ position: 10, head: 10, behind: 0, live: true });
        const ledger = hearth.app.get<Ledger>(HEARTH_LEDGER);
        await hearth.app.close();
        open = false;

        // After shutdown: no query is answered, the store is closed, and SQLite's write-ahead log was folded back at close.
        await expect(hearth.queries.execute(new ClearanceReportQuery({ year: 2016 }))).rejects.toBeInstanceOf(ModuleShutDownError);
        await expect(ledger.store.readAll()).rejects.toThrow();
        expect(existsSync(`${tmp.file}-wal`)).toBe(false);

        // The runner is stopped: an event appended by another writer afterwards is not projected by anyone.
        await appendElsewhere(tmp.store, [registration('hh-2')]);
        expect(await storedPositions(tmp.store)).toEqual({ position: 10, head: 11 });
      } finally {
        if (open) await hearth.app.close();
      }
    } finally {
      tmp.remove();
    }
  });

  it('with follow: false nothing follows the log, and each report query catches the read models up first', async () => {
    const tmp = scratch();
    const hearth = await hearthApp({ store: tmp.store, follow: false });
    try {
      await hearth.recordTree();
      await hearth.record(identification('hh-1'));
      expect(await hearth.queries.execute(new ReadModelStatusQuery())).toMatchObject({ head: 5, live: false });
      expect(await storedPositions(tmp.store)).toMatchObject({ position: 1 });
      expect(await hearth.queries.execute(new ClearanceReportQuery({ year: 2016 }))).toMatchObject({ identifiedInYear: 1 });
      expect(await hearth.queries.execute(new ReadModelStatusQuery())).toEqual({ position: 5, head: 5, behind: 0, live: false });
    } finally {
      await hearth.app.close();
      tmp.remove();
    }
  });
});

describe('an HTTP application with enableShutdownHooks, run through tsx (no decorator metadata)', () => {
  it('serves commands and queries, and on SIGTERM closes the read models and the store before it exits', async () => {
    const tmp = scratch();
    let child: ChildProcess | undefined;
    try {
      const packageDir = join(__dirname, '..');
      // tsx takes experimentalDecorators from the tsconfig of its working directory (decision 0026).
      const server = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'support/serve-until-signal.ts'), tmp.store], {
        cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = server;
      let stderr = '';
      server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: server.stdout }).once('line', resolve);
        void exited.then(({ code }) => reject(new Error(`the child exited (${code}) before it was ready:\n${stderr}`)));
      });
      expect(JSON.parse(firstLine)).toEqual({ position: 5, head: 5, behind: 0, live: true });
      expect(existsSync(`${tmp.file}-wal`)).toBe(true);

      server.kill('SIGTERM');
      // Nest closes the application, then ends the process with the same signal (an error in a hook would exit 1).
      expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
      expect(stderr).toBe('');
      expect(existsSync(`${tmp.file}-wal`)).toBe(false);
      expect(await storedPositions(tmp.store)).toEqual({ position: 5, head: 5 });
    } finally {
      // A failed expectation must not leave the server running (and jest waiting for it).
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      tmp.remove();
    }
  }, 60_000);
});
