/**
 * How the `hearth` process ends once its command has returned. At a natural exit Node
 * disposes of the isolate: it frees the heap's pages one by one and the kernel unmaps
 * them, ~1.5% of the CPU of a 20,000-household import, whose heap reaches ~300 MB
 * (docs/decisions/0098). A command that has finished all its work when it returns — its
 * store closed, nothing left running — asks for `endAtOnce`: the process then exits as
 * soon as stdout and stderr have taken everything written to them, and the OS takes the
 * memory back whole. Other commands end as before.
 */
let atOnce = false;

/** Called by a command whose work is all done when its action returns. */
export const endAtOnce = (): void => {
  atOnce = true;
};

/** Resolves once `stream` has handed every earlier write to the OS (or is gone). */
const written = (stream: NodeJS.WriteStream): Promise<void> =>
  new Promise((resolve) => {
    if (stream.destroyed || stream.writableEnded) resolve();
    else stream.write('', () => resolve());
  });

/** Ends the process with `code`: at once if the command asked for it, else when the event loop is empty. */
export const endProcess = (code: number): void => {
  process.exitCode = code;
  if (!atOnce) return;
  void Promise.all([written(process.stdout), written(process.stderr)]).then(() => process.exit(code));
};
