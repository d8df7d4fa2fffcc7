import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { Projector, ProjectorStatus } from '@hearth/read-side';
import { CliError, EXIT } from '../exit-codes';
import { GlobalOptions, openLedger } from '../global-options';
import { emitJson, log } from '../output/emit';
import { openReadSide, progressLine, READ_MODELS_HELP, readModelsUrl } from '../read-side';

const HELP = `
A long-running process that keeps the read models in one file (docs/decisions/0058):
it catches up with the log, follows new events live, and after any failure (a dropped
subscription, a node unavailable or no longer leader, a locked file) resumes from the
checkpoints committed with the rows, after a pause that doubles from 0.25 s up to 30 s
while attempts make no progress. Reports given the same --read-models read that file.
Several read-side processes may each keep their own file; two may share one (the write
lock makes each batch the only writer). A division tree recorded meanwhile (hearth
divisions load) is taken in within 5 seconds, without a restart: the read models are
opened again under it (said on stderr).

Health: every --status-every seconds (and at each failure, resume and stop) a line on
stderr: "project: live · position P of H · N restarts"; with --status-file FILE the same
as JSON {state, readModels, position, head, restarts, lastError, retryInMs, updatedAt,
pid}, replaced atomically, for a monitor to read. state is catching-up, live, retrying
or stopped; lastError is null until a failure, then its message (kept once resumed). A status file that cannot be written is said once on stderr and does not
stop the projector (its updatedAt stops moving until a write succeeds again).

SIGTERM or SIGINT stops it after the batch or event being written, checkpoints
consistent with the rows, exit 0 (with --json the last status on stdout). Exit codes:
0 stopped; 2 bad options, or a file built from another log; 4 no division tree.`;

const line = (s: ProjectorStatus, head: number | undefined): string =>
  `project: ${s.state} · position ${s.position.toLocaleString('en')}${head !== undefined ? ` of ${head.toLocaleString('en')}` : ''} · ${s.restarts} restart${s.restarts === 1 ? '' : 's'}` +
  (s.state === 'retrying' ? ` · ${s.lastError} — resuming from the checkpoints in ${(s.retryInMs / 1000).toFixed(2)} s` : '');

/** The status as a monitor reads it: the status file's document, and `--json`'s at the stop (cli.md names the same keys). */
const statusDocument = (s: ProjectorStatus, head: number | undefined) => ({ ...s, head: head ?? null, updatedAt: new Date().toISOString(), pid: process.pid });

/**
 * Replaced in one rename, so that a monitor never reads half a file. The file is for
 * watching the projector, not part of its work: a write that fails (a full disk, a
 * directory removed) is said once on stderr and the read models go on being kept; the
 * file's `updatedAt` then stops moving, and the next write that succeeds says so too.
 */
const statusFileWriter = (path: string) => {
  const tmp = `${path}.${process.pid}.tmp`;
  let failing: string | undefined;
  return (s: ProjectorStatus, head: number | undefined): void => {
    try {
      writeFileSync(tmp, `${JSON.stringify(statusDocument(s, head))}\n`);
      renameSync(tmp, path);
      if (failing !== undefined) log(`project: the status file ${path} is written again`);
      failing = undefined;
    } catch (error) {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // Left for the next write to replace.
      }
      const reason = (error as Error).message;
      if (failing !== reason) log(`project: cannot write the status file ${path} (${reason}); the read models are still kept, the file will be tried again at the next status`);
      failing = reason;
    }
  };
};

const untilSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      resolve(signal);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });

export const projectCommand = (globals: () => GlobalOptions): Command =>
  new Command('project')
    .description('keep the read models in their own file up to date with the log, live, until stopped (SIGTERM/SIGINT)')
    .addOption(new Option('--read-models <url>', READ_MODELS_HELP))
    .option('--status-every <seconds>', 'seconds between two status lines on stderr', (v) => Number(v), 30)
    .option('--status-file <file>', 'keep the status as JSON in this file (replaced atomically)')
    .addHelpText('after', HELP)
    .action(async (opts: { readModels?: string; statusEvery: number; statusFile?: string }) => {
      const g = globals();
      if (!Number.isFinite(opts.statusEvery) || opts.statusEvery <= 0) throw new CliError('--status-every must be a number of seconds above 0', EXIT.usage);
      const readModels = readModelsUrl(opts.readModels);
      const stopped = untilSignal();
      const ledger = await openLedger(g);
      try {
        if (readModels === undefined && !ledger.store.embeddedReadModels)
          throw new CliError('this store keeps no read models of its own: give them a file with --read-models sqlite:PATH (or $HEARTH_READ_MODELS)', EXIT.usage);
        // Opened once the way every reader does, for its checks (file of another log, no division tree) and their exit codes.
        await (await openReadSide(ledger, { catchUp: false, quiet: true, readModels })).close();
        let head: number | undefined;
        const writeStatus = opts.statusFile !== undefined ? statusFileWriter(opts.statusFile) : undefined;
        const show = (s: ProjectorStatus): void => {
          log(line(s, head));
          writeStatus?.(s, head);
        };
        const projector = await Projector.start(ledger, {
          ...(readModels !== undefined ? { readModels } : {}),
          onStatus: show,
          onProgress: progressLine('project: catching up'),
          onReset: (names) => log(`project: read models rebuilt from the log (new or changed version): ${names.join(', ')}`),
          onNewTree: () => log('project: a new division tree was recorded; the read models are opened again under it'),
        });
        let stopping = false;
        const readHead = (): Promise<void> =>
          projector.head().then((h) => {
            head = h;
            if (!stopping) show(projector.status());
          });
        // Once at start, so that no line or status file goes without the head until the first tick (30 s by default).
        await readHead();
        const tick = setInterval(() => void readHead(), opts.statusEvery * 1000);
        const signal = await stopped;
        stopping = true;
        clearInterval(tick);
        log(`project: ${signal}: stopping after the batch or event being written`);
        await projector.stop();
        if (g.json) emitJson(statusDocument(projector.status(), (await projector.head()) ?? head));
      } finally {
        await ledger.close();
      }
    });
