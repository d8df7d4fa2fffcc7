/**
 * `npm start`: the Hearth service (HTTP API, OpenAPI, dashboard) on a store that is
 * ready to serve — a demo region generated into an empty one. See `npm start -- --help`.
 */
import { describeMachineFailure } from '@hearth/ledger';
import { DemoStopped } from './start/demo-region';
import { HELP, parseStartOptions, UsageError } from './start/start-options';
import { RunningService, startService } from './start/start';

/** The CLI's codes where they mean the same (docs/cli.md): 6 is the machine's failure, to be started again once mended. */
const EXIT = { ok: 0, unexpected: 1, usage: 2, systemFailure: 6 } as const;
/** Open connections (a dashboard's event stream) get this long to finish once a stop is asked for. */
const GRACE_MS = 3000;

/** Stops the service: no new connections, in-flight requests finish, then the app's shutdown hooks (runner, store). */
const shutDown = async (running: RunningService): Promise<void> => {
  const server = running.app.getHttpServer() as import('node:http').Server;
  const force = setTimeout(() => server.closeAllConnections(), GRACE_MS);
  force.unref();
  try {
    await running.app.close();
  } finally {
    clearTimeout(force);
  }
};

export const run = async (argv: readonly string[]): Promise<void> => {
  let stopping = false;
  let wake: (() => void) | undefined;
  const stopRequested = new Promise<void>((resolve) => (wake = resolve));
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.stderr.write(`hearth: ${signal} again: exiting without waiting\n`);
      process.exit(EXIT.unexpected);
    }
    stopping = true;
    process.stderr.write(`hearth: ${signal}: stopping…\n`);
    wake?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const opts = parseStartOptions(argv, process.env);
    if (opts === 'help') {
      process.stdout.write(`${HELP}\n`);
      process.exitCode = EXIT.ok;
      return;
    }
    const running = await startService(opts, { stdout: process.stdout, stderr: process.stderr, stopRequested: () => stopping });
    if (running) {
      await stopRequested;
      await shutDown(running);
      process.stderr.write('hearth: stopped\n');
    } else process.stderr.write('hearth: stopped before the service started\n');
    process.exitCode = EXIT.ok;
  } catch (e) {
    // Not a bug: the disk, the store's file or its server (which says why where it can, decision 134), as `hearth` says it.
    const machine = describeMachineFailure(e, 'HEARTH_STORE');
    if (e instanceof DemoStopped) {
      process.stderr.write('hearth: stopped while generating the demo region; nothing was kept, the next start begins again\n');
      process.exitCode = EXIT.ok;
    } else if (e instanceof UsageError) {
      process.stderr.write(`hearth: ${e.message}\n`);
      process.exitCode = EXIT.usage;
    } else if (machine !== undefined) {
      process.stderr.write(machine.usage ? `hearth: ${machine.problem}: ${machine.remedy}\n` : `hearth: ${machine.problem}: ${machine.remedy}, then start again\n`);
      process.exitCode = machine.usage ? EXIT.usage : EXIT.systemFailure;
    } else {
      process.stderr.write(`hearth: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = EXIT.unexpected;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
};

/** What apps/api/bin/hearth-api.js runs. */
export const runFromProcess = (): void => {
  void run(process.argv.slice(2)).then(() => {
    // Everything was closed; a handle some library left open must not keep a stopped service alive.
    setTimeout(() => process.exit(), 2000).unref();
  });
};
