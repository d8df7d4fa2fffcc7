import { Command, CommanderError } from 'commander';
import { divisionsCommand } from './commands/divisions-load';
import { demoCommand } from './commands/demo';
import { generateCommand } from './commands/generate';
import { historyCommand } from './commands/history';
import { personalDataCommand } from './commands/personal-data';
import { importCommand } from './commands/import';
import { rebuildCommand } from './commands/rebuild';
import { reportCommand } from './commands/report';
import { verifyCommand } from './commands/verify';
import { CliError, EXIT } from './exit-codes';
import { GlobalOptions } from './global-options';
import { log } from './output/emit';
import { storeBusyError } from './store-busy';

export const buildProgram = (): Command => {
  const program = new Command('hearth')
    .description('Hearth: the event-sourced case ledger of an employment-assistance programme')
    .option('--store <url>', 'sqlite:PATH or esdb://host:port?tls=false (default: $HEARTH_STORE, else sqlite:./data/hearth.db)')
    .option('--policy <file>', 'programme policy as JSON (default: the reference policy of domain.md §3)')
    .option('--json', 'machine output: one JSON document on stdout')
    .showHelpAfterError()
    .exitOverride();
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  program.addCommand(divisionsCommand(globals));
  program.addCommand(importCommand(globals));
  program.addCommand(historyCommand(globals));
  program.addCommand(reportCommand(globals));
  program.addCommand(verifyCommand(globals));
  program.addCommand(rebuildCommand(globals));
  program.addCommand(generateCommand(globals));
  program.addCommand(demoCommand(globals));
  program.addCommand(personalDataCommand(globals));
  for (const c of program.commands) {
    c.exitOverride();
    for (const sub of c.commands) sub.exitOverride();
  }
  return program;
};

export const run = async (argv: readonly string[]): Promise<number> => {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (caught) {
    const e = storeBusyError(caught) ?? caught;
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof CliError) {
      log(`hearth: ${e.message}`);
      return e.exitCode;
    }
    log(`hearth: unexpected error: ${(e as Error).stack ?? String(e)}`);
    return 1;
  }
};

/** What the `hearth` executable runs. */
export const runFromProcess = (): void => {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
};
