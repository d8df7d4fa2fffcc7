import { Command, CommanderError } from 'commander';
import { anchorCommand } from './commands/anchor';
import { backupCommand } from './commands/backup';
import { divisionsCommand } from './commands/divisions-load';
import { demoCommand } from './commands/demo';
import { generateCommand } from './commands/generate';
import { historyCommand } from './commands/history';
import { personalDataCommand } from './commands/personal-data';
import { importCommand } from './commands/import';
import { migrateCommand } from './commands/migrate';
import { projectCommand } from './commands/project';
import { rebuildCommand } from './commands/rebuild';
import { regroupCommand } from './commands/regroup';
import { reportCommand } from './commands/report';
import { verifyCommand } from './commands/verify';
import { CliError, EXIT } from './exit-codes';
import { GlobalOptions } from './global-options';
import { endProcess } from './end-at-once';
import { dropOutputOnceUnread, log } from './output/emit';
import { escapeControls, cut } from './output/printable';
import { describeSystemFailure } from './system-failure';
import { storeBusyError } from './store-busy';

export const buildProgram = (): Command => {
  const program = new Command('hearth')
    .description('Hearth: the event-sourced case ledger of an employment-assistance programme')
    .option('--store <url>', 'sqlite:PATH, memory:, or kurrentdb://host:port?tls=false (also kurrentdb+discover://, esdb://, esdb+discover://; credentials from $HEARTH_STORE_USERNAME and $HEARTH_STORE_PASSWORD or $HEARTH_STORE_PASSWORD_FILE) (default: $HEARTH_STORE, else sqlite:./data/hearth.db)')
    .option('--policy <file>', 'programme policy as JSON (default: $HEARTH_POLICY, else the reference policy of domain.md §3)')
    .option('--json', 'machine output: one JSON document on stdout')
    .option('--actor <name>', 'who the ledger records as the actor of what this command writes, where a command line names none (default: $HEARTH_ACTOR, else cli:<your user name>)')
    .exitOverride();
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  program.addCommand(divisionsCommand(globals));
  program.addCommand(importCommand(globals));
  program.addCommand(historyCommand(globals));
  program.addCommand(reportCommand(globals));
  program.addCommand(verifyCommand(globals));
  program.addCommand(anchorCommand(globals));
  program.addCommand(backupCommand(globals));
  program.addCommand(rebuildCommand(globals));
  program.addCommand(generateCommand(globals));
  program.addCommand(regroupCommand(globals));
  program.addCommand(demoCommand(globals));
  program.addCommand(personalDataCommand(globals));
  program.addCommand(migrateCommand(globals));
  program.addCommand(projectCommand(globals));
  for (const c of everyCommand(program)) c.exitOverride().configureOutput({ outputError: (text) => (parseError = { text, command: commandLine(c) }) });
  return program;
};

/** The program and every command under it, each of which parses its own part of the command line. */
const everyCommand = (c: Command): Command[] => [c, ...c.commands.flatMap(everyCommand)];

/** `hearth report clearance`: how the user names the command whose arguments were wrong. */
const commandLine = (c: Command): string => (c.parent ? `${commandLine(c.parent)} ${c.name()}` : c.name());

/**
 * What the argument parser refused, kept for `run` to say in the CLI's one line (decision 18):
 * the parser's own output is several lines (its message, a suggestion, the whole help).
 */
let parseError: { text: string; command: string } | undefined;

const parserFailure = (e: CommanderError, program: Command, argv: readonly string[]): string => {
  const said = parseError?.text ?? e.message;
  // Its own full stop ends no sentence here: the hint follows after a semicolon.
  const text = said.replace(/^error: /, '').trim().split('\n').map((l) => l.trim()).filter((l) => l !== '').join(' ').replace(/\.$/, '');
  // The parser asks for a missing required option before it looks at unknown ones: `--yeer 2016` was never named.
  const unknown = e.code === 'commander.missingMandatoryOptionValue' ? unknownOptions(program, argv) : [];
  const also = unknown.length === 0 ? '' : ` (not an option: ${unknown.map((o) => `'${o}'`).join(', ')})`;
  return `${text}${also}; \`${parseError?.command ?? 'hearth'} --help\` lists what it takes`;
};

/** The long options of a command line that no command of the program takes: not the value an option takes, nothing after `--`. */
const unknownOptions = (program: Command, argv: readonly string[]): string[] => {
  const options = new Map(everyCommand(program).flatMap((c) => c.options.map((o) => [o.long, o.required || o.optional] as const)));
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') break;
    if (!a.startsWith('--')) continue;
    const [name, value] = a.split('=', 2) as [string, string | undefined];
    if (name === '--help') continue;
    if (!options.has(name)) unknown.push(name);
    else if (options.get(name) === true && value === undefined) i++;
  }
  return unknown;
};

/**
 * A failure message is for a terminal: control characters of input it quotes are
 * escaped, and it is cut to a readable length. Lines the message itself breaks into
 * (a list of a file's bad fields) are indented under the first.
 */
const MAX_MESSAGE = 4000;
const fail = (message: string, exitCode: number): number => {
  log(`hearth: ${cut(message, MAX_MESSAGE).split('\n').map(escapeControls).join('\n  ')}`);
  return exitCode;
};

export const run = async (argv: readonly string[]): Promise<number> => {
  const program = buildProgram();
  parseError = undefined;
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (caught) {
    const e = storeBusyError(caught) ?? caught;
    // Help asked for, or shown for a command given without its subcommand: already written, no failure to add.
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : e.code === 'commander.help' ? EXIT.usage : fail(parserFailure(e, program, argv), EXIT.usage);
    if (e instanceof CliError) return fail(e.message, e.exitCode);
    const system = describeSystemFailure(e);
    if (system) return fail(system.message, system.exitCode);
    if (process.env['HEARTH_DEBUG']) log((e as Error).stack ?? String(e));
    return fail(`unexpected error (a bug in Hearth — please report it, with HEARTH_DEBUG=1 for the details): ${(e as Error).message ?? String(e)}`, EXIT.unexpected);
  }
};

/** What the `hearth` executable runs. */
export const runFromProcess = (): void => {
  dropOutputOnceUnread();
  void run(process.argv.slice(2)).then(endProcess);
};
