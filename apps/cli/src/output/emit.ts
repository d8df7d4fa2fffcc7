/** Machine output is one JSON document on stdout; progress and logs go to stderr. */
export const emitJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

export const emitText = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

export const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};
