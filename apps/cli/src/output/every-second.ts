import { log } from './emit';

/**
 * A progress line on stderr at most once a second, none when `quiet`: what a long command
 * says while it works. `line` is made only when it is printed, so a caller may pass one on
 * every page it reads.
 */
export const everySecond = (quiet: boolean): ((line: () => string) => void) => {
  let last = 0;
  return (line) => {
    if (quiet || Date.now() - last < 1000) return;
    last = Date.now();
    log(line());
  };
};
