import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The bytes a value could be kept as: as typed, inside a JSON string, percent-encoded as a
 * URL carries it (the request log prints URLs as sent), and as UTF-16 (SQLite may store text so).
 */
export const spellings = (value: string): Buffer[] => [
  Buffer.from(value, 'utf8'),
  Buffer.from(JSON.stringify(value).slice(1, -1), 'utf8'),
  Buffer.from(encodeURIComponent(value), 'utf8'),
  Buffer.from(value.replace(/ /g, '+'), 'utf8'),
  Buffer.from(value, 'utf16le'),
];

/** Every regular file under `dir`, recursively. */
export const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));

/** Whether `bytes` hold `value` in any of its spellings. */
export const holds = (bytes: Buffer | string, value: string): boolean => {
  const haystack = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return spellings(value).some((s) => haystack.indexOf(s) !== -1);
};

/** For each value, the names of the files (read raw, after the writer closed them) that hold it. */
export const whereKept = (files: readonly string[], values: Readonly<Record<string, string>>, name: (file: string) => string): Record<string, string[]> => {
  const contents = files.map((f) => ({ file: name(f), bytes: readFileSync(f) }));
  return Object.fromEntries(Object.entries(values).map(([label, value]) => [label, contents.filter((c) => holds(c.bytes, value)).map((c) => c.file).sort()]));
};

/** Everything written to the process's stdout and stderr while `capture` is on: Nest's logger writes there. */
export const captureOutput = (): { text: () => string; restore: () => void } => {
  const chunks: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof stream.write),
  );
  return { text: () => chunks.join(''), restore: () => spies.forEach((s) => s.mockRestore()) };
};
