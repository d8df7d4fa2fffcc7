import { startEsdbStandIn, type EsdbStandInOptions } from './esdb-stand-in';

const USAGE = `Usage: npm run stand-in -- [--port N] [--host ADDR] [--positions sequential|log] [--max-append-size BYTES]

Starts the KurrentDB wire stand-in: a gRPC server that the real client takes for a
24.10 node (reads, appends through BatchAppend, subscriptions), so Hearth's scale-out
mode can be tried without a server. It keeps everything in memory: stopping it
(Ctrl-C, SIGTERM) loses every event. One node, no TLS, no users.`;

const parseArgs = (argv: readonly string[]): EsdbStandInOptions | 'help' => {
  const options: EsdbStandInOptions = { port: 2113 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined) throw new Error(`${flag} needs a value`);
      i += 1;
      return value;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--port': {
        const port = Number(need());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${value}`);
        options.port = port;
        break;
      }
      case '--host':
        options.host = need();
        break;
      case '--positions': {
        const mode = need();
        if (mode !== 'sequential' && mode !== 'log') throw new Error(`--positions must be sequential or log, got ${mode}`);
        options.positions = mode;
        break;
      }
      case '--max-append-size': {
        const size = Number(need());
        if (!Number.isSafeInteger(size) || size <= 0) throw new Error(`--max-append-size must be a positive number of bytes, got ${value}`);
        options.maxAppendSize = size;
        break;
      }
      default:
        throw new Error(`unknown option ${String(flag)}`);
    }
  }
  return options;
};

/** `npm run stand-in`: starts the stand-in, says where and that it keeps nothing, stops on SIGINT/SIGTERM. */
export const runStandInFromProcess = async (): Promise<void> => {
  let options: EsdbStandInOptions | 'help';
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`stand-in: ${(error as Error).message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const standIn = await startEsdbStandIn(options);
  process.stderr.write(
    `KurrentDB stand-in listening on ${standIn.url}\n` +
      'It keeps everything in memory: stopping it loses every event. Use it with --store ' +
      `${standIn.url} (or HEARTH_STORE); stop it with Ctrl-C.\n`,
  );
  const stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(`stand-in: ${signal}, stopping (${standIn.size} events held are gone)\n`);
    void standIn.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};
