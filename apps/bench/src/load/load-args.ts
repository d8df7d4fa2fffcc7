export interface LoadArgs {
  readonly clients: number;
  readonly households: number;
  readonly seconds: number;
  readonly json: boolean;
  readonly keep: boolean;
  readonly workDir?: string;
}

export const LOAD_USAGE = 'usage: npx tsx apps/bench/src/main.ts load [--clients N] [--households M] [--seconds S] [--json] [--work DIR --keep]';

/** Small defaults: a quick look on a shared machine; raise them for a real measurement. */
export const parseLoadArgs = (argv: readonly string[]): LoadArgs => {
  let clients = 8;
  let households = 100;
  let seconds = 10;
  let json = false;
  let keep = false;
  let workDir: string | undefined;
  const int = (flag: string, v: string | undefined, min: number, max: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} must be an integer from ${min} to ${max}, got ${v ?? 'nothing'}\n${LOAD_USAGE}`);
    return n;
  };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--clients') clients = int(a, argv[++k], 1, 1000);
    else if (a === '--households') households = int(a, argv[++k], 1, 1_000_000);
    else if (a === '--seconds') seconds = int(a, argv[++k], 1, 3600);
    else if (a === '--json') json = true;
    else if (a === '--keep') keep = true;
    else if (a === '--work') workDir = argv[++k];
    else if (a === '--help' || a === '-h') throw new Error(LOAD_USAGE);
    else throw new Error(`unknown argument ${a}\n${LOAD_USAGE}`);
  }
  return { clients, households, seconds, json, keep, ...(workDir !== undefined ? { workDir } : {}) };
};
